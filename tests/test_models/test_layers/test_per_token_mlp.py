import torch

from mmfau.models.layers import PerTokenMLP


def test_per_token_mlp_equals_separate_mlps():
    torch.manual_seed(0)
    mlp = PerTokenMLP(num_tokens=3, in_channels=6, hidden_dims=(5, 4))
    tokens = torch.randn(2, 3, 6)
    out = mlp(tokens)
    assert out.shape == (2, 3)
    for t in range(3):
        x = tokens[:, t]
        for i, (w, b) in enumerate(zip(mlp.weights, mlp.biases)):
            x = x @ w[t] + b[t]
            if i < 2:
                x = torch.relu(x)
        torch.testing.assert_close(out[:, t], x.squeeze(-1))
