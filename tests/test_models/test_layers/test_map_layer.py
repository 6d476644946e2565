import torch
from torch import nn

from mmfau.facs import BP4D_AUS, au_region_indices
from mmfau.models.layers import FACSMapLayer


def test_each_token_uses_exactly_its_aus_regions():
    torch.manual_seed(0)
    layer = FACSMapLayer(BP4D_AUS, in_channels=16, embed_dims=8)
    feats = torch.randn(2, 8, 16)
    base = layer(feats)
    for region in range(8):
        changed = feats.clone()
        changed[:, region] += 1.0
        moved = (layer(changed) - base).abs().amax(dim=(0, 2)) > 1e-6
        expected = [region in regions
                    for regions in au_region_indices(BP4D_AUS)]
        assert moved.tolist() == expected, f'region {region + 1}'


def test_equals_a_linear_layer_per_au_on_concatenated_regions():
    torch.manual_seed(1)
    aus = [1, 6, 14, 26]
    layer = FACSMapLayer(aus, in_channels=5, embed_dims=3)
    feats = torch.randn(4, 8, 5)
    out = layer(feats)
    start = 0
    for k, regions in enumerate(au_region_indices(aus)):
        reference = nn.Linear(5 * len(regions), 3)
        weight = layer.weight[start:start + len(regions)]  # (|R_k|, C, D)
        reference.weight.data = weight.reshape(-1, 3).t()
        reference.bias.data = layer.bias[k]
        concat = feats[:, regions].reshape(4, -1)
        torch.testing.assert_close(out[:, k], reference(concat))
        start += len(regions)
    assert out.shape == (4, len(aus), 3)
