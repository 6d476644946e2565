"""Packing a pipeline's results into model inputs and a data sample."""
from typing import Sequence

import numpy as np
import torch
from mmcv.transforms import BaseTransform

from mmfau.facs import UNKNOWN
from mmfau.registry import TRANSFORMS
from mmfau.structures import FAUDataSample


@TRANSFORMS.register_module()
class PackFAUInputs(BaseTransform):
    """Pack the image into a (C, H, W) tensor and the rest into a data sample.

    Required keys: ``img``. Optional keys: ``au_labels`` (K values of
    :data:`mmfau.facs.LABEL_VALUES`; unknown ones are masked),
    ``au_intensities`` (K values 0-5, unknown masked), ``region_boxes``,
    ``landmarks``.

    Args:
        meta_keys (Sequence[str]): Keys copied into the sample's metainfo.
    """

    def __init__(self,
                 meta_keys: Sequence[str] = ('sample_idx', 'img_path',
                                             'subject', 'session', 'frame',
                                             'ori_shape', 'img_shape',
                                             'flip')) -> None:
        self.meta_keys = tuple(meta_keys)

    def transform(self, results: dict) -> dict:
        img = results['img']
        if img.ndim == 2:
            img = img[..., None]
        inputs = torch.from_numpy(np.ascontiguousarray(img.transpose(2, 0,
                                                                     1)))
        sample = FAUDataSample()
        if 'au_labels' in results:
            labels = np.asarray(results['au_labels'])
            known = labels != UNKNOWN
            sample.set_gt_au(np.where(known, labels, 0), known)
        if 'au_intensities' in results:
            levels = np.asarray(results['au_intensities'])
            coded = levels != UNKNOWN
            sample.set_gt_intensity(np.where(coded, levels, 0), coded)
        if 'region_boxes' in results:
            sample.set_region_boxes(results['region_boxes'])
        if 'landmarks' in results:
            sample.set_field(
                torch.as_tensor(results['landmarks'], dtype=torch.float32),
                'landmarks',
                dtype=torch.Tensor)
        sample.set_metainfo(
            {k: results[k]
             for k in self.meta_keys if k in results})
        return dict(inputs=inputs, data_samples=sample)

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(meta_keys={self.meta_keys})'
