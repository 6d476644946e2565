import pytest
import torch
from torchvision.ops import roi_align

from mmfau.models.necks import RegionRoIAlign


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
    boxes[2, 0] = torch.tensor([-500., -400., 800., 900.])  # around it
    args = (output_size, 1 / 16, sampling_ratio, aligned)
    fast = RegionRoIAlign(*args, backend='separable')(feats, boxes)
    reference = RegionRoIAlign(*args, backend='torchvision')(feats, boxes)
    torch.testing.assert_close(fast, reference, atol=1e-12, rtol=0)
    grad_fast, = torch.autograd.grad(fast.sum(), feats)
    grad_ref, = torch.autograd.grad(reference.sum(), feats)
    torch.testing.assert_close(grad_fast, grad_ref, atol=1e-12, rtol=0)


def test_separable_pooling_compiles_to_one_graph():
    """No value is read back to the host (the samples per box are bounded
    by the map): one graph serves boxes of every size, with the results of
    eager."""
    torch.manual_seed(0)
    feats = torch.randn(2, 3, 14, 14)
    neck = RegionRoIAlign(output_size=4, spatial_scale=1 / 16)
    torch._dynamo.reset()
    compiled = torch.compile(neck, fullgraph=True, backend='eager')
    with torch._dynamo.config.patch(error_on_recompile=True):
        for scale in (40., 150., 600.):
            boxes = torch.rand(2, 8, 4) * scale - 20
            boxes[..., 2:] += boxes[..., :2]
            torch.testing.assert_close(compiled(feats, boxes),
                                       neck(feats, boxes))
