"""Batching, normalising and moving faces to the device."""
from typing import Optional, Sequence

import torch
from mmengine.model import ImgDataPreprocessor

from mmfau.registry import MODELS


@MODELS.register_module()
class FAUDataPreprocessor(ImgDataPreprocessor):
    """Stack, normalise and move a batch of faces and their data samples.

    All faces of a batch must have the same size (aligned crops), since their
    region boxes are in pixels of the unpadded image.

    Args:
        mean (Sequence[float], optional): Per-channel mean (RGB order after
            conversion). Defaults to ImageNet's.
        std (Sequence[float], optional): Per-channel std. Defaults to
            ImageNet's.
        to_rgb (bool): Convert BGR (OpenCV) images to RGB.
        channels_last (bool): Return inputs in channels-last memory format,
            which is faster for convolutions under mixed precision on GPUs.
        non_blocking (bool): Copy to the device asynchronously (with pinned
            memory in the loader).
    """

    def __init__(self,
                 mean: Optional[Sequence[float]] = (123.675, 116.28, 103.53),
                 std: Optional[Sequence[float]] = (58.395, 57.12, 57.375),
                 to_rgb: bool = True,
                 channels_last: bool = False,
                 non_blocking: bool = False) -> None:
        super().__init__(
            mean=mean,
            std=std,
            pad_size_divisor=1,
            bgr_to_rgb=to_rgb,
            non_blocking=non_blocking)
        self.channels_last = channels_last

    def forward(self, data: dict, training: bool = False) -> dict:
        shapes = {tuple(img.shape) for img in data['inputs']}
        if len(shapes) > 1:
            raise ValueError(
                f'Faces of one batch have different sizes {sorted(shapes)}: '
                'crop or resize them to one size in the pipeline.')
        data = super().forward(data, training)
        if self.channels_last:
            data['inputs'] = data['inputs'].contiguous(
                memory_format=torch.channels_last)
        return data
