"""Pooling one feature vector per judgment region with RoIAlign."""
from typing import Sequence, Tuple, Union

import torch
from mmengine.model import BaseModule
from torch import Tensor
from torchvision.ops import roi_align

from mmfau.registry import MODELS


def _mmcv_roi_align():
    try:
        from mmcv.ops import roi_align as mmcv_roi_align
    except (ImportError, ModuleNotFoundError, OSError) as err:
        raise ImportError(
            "RegionRoIAlign(backend='mmcv') needs mmcv's compiled ops, which "
            "mmcv-lite lacks. Use backend='torchvision' (identical results) "
            f'or install the full mmcv. ({err})') from err
    return mmcv_roi_align


def _axis_weights(start: Tensor, length: Tensor, size: int, bins: int,
                  sampling_ratio: int) -> Tensor:
    """Per-ROI weights over one feature-map axis whose product over both
    axes is RoIAlign followed by averaging all its bins.

    RoIAlign averages bilinear samples on a regular grid; averaged over all
    bins, the samples along one axis are ``start + (k + 0.5) * length / n``
    for ``k < n = bins * grid``, and their bilinear weights (with
    torchvision's border rules) separate into a row and a column factor.

    With adaptive sampling the number of samples depends on the ROI's
    length, but the samples that can fall on the map are at most
    ``max(bins, 2 * size + 3)`` (their spacing is at least 1/2 pixel when
    there are more than ``bins``): only those are computed, from the first
    that can lie on the map, so the tensors have a size fixed by the map,
    nothing is read back to the host and the model compiles to one graph.

    Args:
        start (Tensor): ROI start on this axis, feature-map units, (M, ).
        length (Tensor): ROI length, (M, ).
        size (int): Feature-map size on this axis.
        bins (int): RoIAlign output size on this axis.
        sampling_ratio (int): Samples per bin (0: adaptive, as RoIAlign).

    Returns:
        Tensor: Weights (M, size); each row sums to the share of valid
        samples.
    """
    if sampling_ratio > 0:
        grid = torch.full_like(length, float(sampling_ratio))
        samples = bins * sampling_ratio
    else:
        grid = torch.ceil(length / bins)
        samples = max(bins, 2 * size + 3) + 2  # 2: a margin for rounding
    count = bins * grid
    step = (length / count.clamp(min=1))[:, None]
    # the first sample that can lie at -1 or later, less one for rounding
    first = torch.floor((-1.0 - start[:, None]) / step.clamp(min=1e-12) -
                        0.5) - 1 if sampling_ratio <= 0 else \
        torch.zeros_like(step)
    k = first.clamp(min=0) + torch.arange(
        samples, device=start.device, dtype=start.dtype)
    pos = start[:, None] + (k + 0.5) * step
    valid = (k < count[:, None]) & (pos >= -1.0) & (pos <= size)
    pos = pos.clamp(min=0)
    low = pos.floor()
    at_end = low >= size - 1
    low = torch.where(at_end, torch.full_like(low, size - 1), low)
    high = torch.where(at_end, low, low + 1)
    pos = torch.where(at_end, low, pos)
    frac = pos - low
    valid = valid.to(start.dtype)
    weights = torch.zeros(
        start.shape[0], size, device=start.device, dtype=start.dtype)
    weights.scatter_add_(1, low.long(), (1 - frac) * valid)
    weights.scatter_add_(1, high.long(), frac * valid)
    return weights / count.clamp(min=1)[:, None]


@MODELS.register_module()
class RegionRoIAlign(BaseModule):
    """RoIAlign the region boxes of each face and average each region.

    Averaging right after RoIAlign is what lets the map layer work on one
    vector per region: with no non-linearity in between, a 1x1 convolution on
    the region maps followed by pooling equals a linear layer on the pooled
    vectors, and costs a fraction of it.

    Backends: ``'separable'`` (default) computes RoIAlign + average exactly
    as one batched product of per-region row and column weights with the
    feature map, fast forwards and backwards on every device;
    ``'torchvision'`` calls ``torchvision.ops.roi_align``; ``'mmcv'`` calls
    ``mmcv.ops.roi_align`` (needs mmcv's compiled ops). All three agree.
    Exported to ONNX, every backend pools with torchvision's RoIAlign, an
    ONNX operator (the separable products' sample counts depend on the
    boxes and cannot be traced).

    Args:
        output_size (int | tuple[int, int]): RoIAlign output size.
        spatial_scale (float): Feature-map stride inverse, e.g. 1/16.
        sampling_ratio (int): Samples per output bin (0: adaptive).
        aligned (bool): Half-pixel aligned boxes (as detectron2 and mmcv).
        backend (str): 'separable', 'torchvision' or 'mmcv'.
        init_cfg (dict, optional): Initialisation config.
    """

    def __init__(self,
                 output_size: Union[int, Tuple[int, int]] = 7,
                 spatial_scale: float = 1 / 16,
                 sampling_ratio: int = 0,
                 aligned: bool = True,
                 backend: str = 'separable',
                 init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        if backend not in ('separable', 'torchvision', 'mmcv'):
            raise ValueError("backend must be 'separable', 'torchvision' or "
                             f"'mmcv', got {backend!r}.")
        self.output_size = (output_size, output_size) if isinstance(
            output_size, int) else tuple(output_size)
        self.spatial_scale = spatial_scale
        self.sampling_ratio = sampling_ratio
        self.aligned = aligned
        self.backend = backend
        self._roi_align = dict(
            separable=None, torchvision=roi_align)[backend] \
            if backend != 'mmcv' else _mmcv_roi_align()

    def forward(self, feats: Union[Tensor, Sequence[Tensor]],
                boxes: Tensor) -> Tensor:
        """Pool region features.

        Args:
            feats (Tensor | Sequence[Tensor]): Feature map (N, C, H, W), or
                a backbone's tuple of which the last is used.
            boxes (Tensor): Region boxes (N, R, 4) in input pixels.

        Returns:
            Tensor: Region features (N, R, C).
        """
        if not isinstance(feats, Tensor):
            feats = feats[-1]
        num_faces, num_regions = boxes.shape[:2]
        exporting = torch.onnx.is_in_onnx_export()
        if self.backend == 'separable' and not exporting:
            return self._separable(feats, boxes)
        batch_index = torch.arange(
            num_faces, device=boxes.device,
            dtype=boxes.dtype).repeat_interleave(num_regions)
        rois = torch.cat([batch_index[:, None], boxes.reshape(-1, 4)], dim=1)
        pooled = (roi_align if exporting else self._roi_align)(
            feats, rois.to(feats.dtype), self.output_size, self.spatial_scale,
            self.sampling_ratio, self.aligned)
        return pooled.mean(dim=(2, 3)).view(num_faces, num_regions, -1)

    def _separable(self, feats: Tensor, boxes: Tensor) -> Tensor:
        num_faces, num_regions = boxes.shape[:2]
        height, width = feats.shape[2:]
        dtype = torch.float64 if feats.dtype == torch.float64 else \
            torch.float32
        scaled = boxes.reshape(-1, 4).detach().to(dtype) * self.spatial_scale
        if self.aligned:
            scaled = scaled - 0.5
        size = scaled[:, 2:] - scaled[:, :2]
        if not self.aligned:
            size = size.clamp(min=1.0)
        out_h, out_w = self.output_size
        rows = _axis_weights(scaled[:, 1], size[:, 1], height, out_h,
                             self.sampling_ratio)
        cols = _axis_weights(scaled[:, 0], size[:, 0], width, out_w,
                             self.sampling_ratio)
        rows = rows.view(num_faces, num_regions, height).to(feats.dtype)
        cols = cols.view(num_faces, num_regions, width).to(feats.dtype)
        # sum over w first, then over h: (N, R, C, H) then (N, R, C)
        per_row = torch.einsum('nchw,nrw->nrch', feats, cols)
        return torch.einsum('nrch,nrh->nrc', per_row, rows)
