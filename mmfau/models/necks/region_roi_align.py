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


@MODELS.register_module()
class RegionRoIAlign(BaseModule):
    """RoIAlign the region boxes of each face and average each region.

    Averaging right after RoIAlign is what lets the map layer work on one
    vector per region: with no non-linearity in between, a 1x1 convolution on
    the region maps followed by pooling equals a linear layer on the pooled
    vectors, and costs a fraction of it.

    Args:
        output_size (int | tuple[int, int]): RoIAlign output size.
        spatial_scale (float): Feature-map stride inverse, e.g. 1/16.
        sampling_ratio (int): Samples per output bin (0: adaptive).
        aligned (bool): Half-pixel aligned boxes (as detectron2 and mmcv).
        backend (str): 'torchvision' or 'mmcv' (needs compiled mmcv ops).
        init_cfg (dict, optional): Initialisation config.
    """

    def __init__(self,
                 output_size: Union[int, Tuple[int, int]] = 7,
                 spatial_scale: float = 1 / 16,
                 sampling_ratio: int = 0,
                 aligned: bool = True,
                 backend: str = 'torchvision',
                 init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        if backend not in ('torchvision', 'mmcv'):
            raise ValueError(f"backend must be 'torchvision' or 'mmcv', got "
                             f'{backend!r}.')
        self.output_size = output_size
        self.spatial_scale = spatial_scale
        self.sampling_ratio = sampling_ratio
        self.aligned = aligned
        self.backend = backend
        self._roi_align = (
            roi_align if backend == 'torchvision' else _mmcv_roi_align())

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
        batch_index = torch.arange(
            num_faces, device=boxes.device,
            dtype=boxes.dtype).repeat_interleave(num_regions)
        rois = torch.cat([batch_index[:, None], boxes.reshape(-1, 4)], dim=1)
        pooled = self._roi_align(
            feats, rois.to(feats.dtype), self.output_size, self.spatial_scale,
            self.sampling_ratio, self.aligned)
        return pooled.mean(dim=(2, 3)).view(num_faces, num_regions, -1)
