import pytest
import torch
import torch.nn.functional as F
from torchvision.ops import roi_align

from mmfau.models.layers import PerTokenMLP, QueryDecoder, TokenEncoder
from mmfau.models.losses import MaskedBCELoss
from mmfau.models.necks import RegionRoIAlign


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


def test_roi_align_neck_averages_each_region():
    torch.manual_seed(0)
    feats = torch.randn(2, 4, 8, 8)
    boxes = torch.tensor([[[0., 0., 64., 64.], [32., 16., 96., 80.]],
                          [[0., 0., 128., 128.], [16., 16., 48., 112.]]])
    neck = RegionRoIAlign(output_size=4, spatial_scale=1 / 16)
    out = neck((feats, ), boxes)
    assert out.shape == (2, 2, 4)
    # the whole 8x8 map pooled as one region is the map's mean
    torch.testing.assert_close(out[1, 0], feats[1].mean(dim=(1, 2)),
                               atol=1e-5, rtol=0)
    rois = torch.tensor([[0, 32., 16., 96., 80.]])
    expected = roi_align(feats, rois, 4, 1 / 16, 0, True).mean(dim=(2, 3))
    torch.testing.assert_close(out[0, 1], expected[0])


def test_mmcv_backend_reports_missing_ops_clearly():
    try:
        import mmcv.ops  # noqa: F401
    except Exception:
        with pytest.raises(ImportError, match="backend='torchvision'"):
            RegionRoIAlign(backend='mmcv')
    else:  # full mmcv: both backends agree
        feats = torch.randn(1, 2, 6, 6)
        boxes = torch.tensor([[[3., 5., 70., 60.]]])
        torch.testing.assert_close(
            RegionRoIAlign(backend='mmcv')(feats, boxes),
            RegionRoIAlign()(feats, boxes))


def test_masked_bce_ignores_unknown_labels():
    logits = torch.tensor([[2.0, -1.0, 0.5], [0.0, 3.0, -2.0]])
    target = torch.tensor([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]])
    mask = torch.tensor([[True, False, True], [True, True, False]])
    loss = MaskedBCELoss()(logits, target, mask)
    known = F.binary_cross_entropy_with_logits(logits[mask], target[mask])
    torch.testing.assert_close(loss, known)
    # whatever sits at unknown entries changes nothing
    other = logits.clone()
    other[~mask] = torch.tensor([50.0, -50.0])
    torch.testing.assert_close(MaskedBCELoss()(other, target, mask), loss)
    assert MaskedBCELoss()(logits, target, torch.zeros_like(mask)) == 0
    weighted = MaskedBCELoss(loss_weight=2.0)(logits, target, mask)
    torch.testing.assert_close(weighted, 2 * loss)


def test_encoder_and_decoder_shapes_and_attention():
    torch.manual_seed(0)
    encoder = TokenEncoder(num_tokens=5, embed_dims=16, num_layers=2,
                           num_heads=4, ffn_dims=32).eval()
    tokens = torch.randn(3, 5, 16)
    assert encoder(tokens).shape == (3, 5, 16)
    attention = encoder.self_attention(tokens)
    assert attention.shape == (3, 5, 5)
    torch.testing.assert_close(attention.sum(-1), torch.ones(3, 5))
    decoder = QueryDecoder(num_queries=7, embed_dims=16, num_layers=2,
                           num_heads=4, ffn_dims=32)
    assert decoder(torch.randn(3, 13, 16)).shape == (3, 7, 16)


@pytest.mark.parametrize('aligned, sampling_ratio, output_size',
                         [(True, 0, 7), (True, 2, 4), (False, 0, 7),
                          (False, 3, 5)])
def test_separable_pooling_equals_roi_align_then_average(
        aligned, sampling_ratio, output_size):
    torch.manual_seed(0)
    feats = torch.randn(3, 5, 14, 14, dtype=torch.float64,
                        requires_grad=True)
    boxes = torch.rand(3, 8, 4, dtype=torch.float64) * 250 - 20
    boxes[..., 2:] = boxes[..., :2] + torch.rand(3, 8, 2) * 120
    boxes[0, 0] = torch.tensor([10., 10., 10., 50.])  # zero width
    boxes[0, 1] = torch.tensor([-100., -100., -50., -60.])  # off the map
    boxes[1, 0] = torch.tensor([200., 200., 260., 250.])  # past the edge
    args = (output_size, 1 / 16, sampling_ratio, aligned)
    fast = RegionRoIAlign(*args, backend='separable')(feats, boxes)
    reference = RegionRoIAlign(*args, backend='torchvision')(feats, boxes)
    torch.testing.assert_close(fast, reference, atol=1e-12, rtol=0)
    grad_fast, = torch.autograd.grad(fast.sum(), feats)
    grad_ref, = torch.autograd.grad(reference.sum(), feats)
    torch.testing.assert_close(grad_fast, grad_ref, atol=1e-12, rtol=0)
