import torch

from mmfau.models.layers import TokenEncoder


def _encoder():
    torch.manual_seed(0)
    return TokenEncoder(num_tokens=5, embed_dims=16, num_layers=2,
                        num_heads=4, ffn_dims=32).eval()


def test_encoder_is_pytorchs_encoder_after_the_positions():
    encoder = _encoder()
    tokens = torch.randn(3, 5, 16)
    with torch.no_grad():
        expected = encoder.encoder(tokens + encoder.pos_embed)
        out = encoder(tokens)
        with_attention, attention = encoder(tokens, return_attention=True)
    torch.testing.assert_close(out, expected)
    torch.testing.assert_close(with_attention, expected)
    assert attention.shape == (3, 2, 5, 5)  # (N, layers, T, T)
    torch.testing.assert_close(attention.sum(-1), torch.ones(3, 2, 5))


def test_attention_is_the_layers_own():
    encoder = _encoder()
    tokens = torch.randn(2, 5, 16)
    with torch.no_grad():
        _, attention = encoder(tokens, return_attention=True)
        first = encoder.encoder.layers[0]
        x = tokens + encoder.pos_embed
        _, weights = first.self_attn(x, x, x, need_weights=True)
    torch.testing.assert_close(attention[:, 0], weights)
