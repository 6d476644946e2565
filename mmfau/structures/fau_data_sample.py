"""The data sample that travels with each face through the pipeline."""
from typing import Optional, Sequence, Union

import numpy as np
import torch
from mmengine.structures import BaseDataElement

ArrayLike = Union[torch.Tensor, np.ndarray, Sequence[float]]


def _as_tensor(value: ArrayLike, dtype: torch.dtype) -> torch.Tensor:
    if isinstance(value, torch.Tensor):
        return value.to(dtype)
    return torch.as_tensor(np.asarray(value), dtype=dtype)


class FAUDataSample(BaseDataElement):
    """A face with its AU labels, judgment regions and predictions.

    Fields (all optional):

    - ``gt_au`` (Tensor, float, shape (K,)): 1 present, 0 absent; unknown
      labels hold 0 and are excluded by ``gt_au_mask``.
    - ``gt_au_mask`` (Tensor, bool, shape (K,)): True where the label is known.
    - ``gt_intensity`` (Tensor, float, shape (K,)): FACS intensities 0-5;
      uncoded ones hold 0 and are excluded by ``gt_intensity_mask``.
    - ``region_boxes`` (Tensor, float, shape (R, 4)): judgment-region boxes,
      (x1, y1, x2, y2) in input-image pixels.
    - ``landmarks`` (Tensor, float, shape (68, 2)).
    - ``pred_score`` (Tensor, float, shape (K,)): AU probabilities.
    - ``pred_label`` (Tensor, bool, shape (K,)): AU presence, as the model's
      presence threshold decides it; everything downstream (metric, CSV,
      pictures) reads this field rather than thresholding again.
    - ``pred_threshold`` (Tensor, float, shape (K,)): that threshold.
    - ``pred_score_au`` / ``pred_label_au`` (Tensor, shape (K,)): the
      AU-encoder branch's prediction, when the model has a decoder too.
    - ``pred_intensity`` (Tensor, float, shape (K,)): estimated intensities
      0-5, when the model estimates them.

    Metainfo holds ``img_path``, ``subject``, ``frame``, ``img_shape`` and
    the like.
    """

    def set_gt_au(self,
                  labels: ArrayLike,
                  mask: Optional[ArrayLike] = None) -> 'FAUDataSample':
        """Set AU labels and the mask of known labels.

        Args:
            labels (ArrayLike): Shape (K,), values 0 or 1 where known.
            mask (ArrayLike, optional): Shape (K,), True where known.
                Defaults to all known.

        Returns:
            FAUDataSample: self.
        """
        labels = _as_tensor(labels, torch.float32)
        mask = (torch.ones_like(labels, dtype=torch.bool)
                if mask is None else _as_tensor(mask, torch.bool))
        if labels.shape != mask.shape:
            raise ValueError(f'AU labels of shape {tuple(labels.shape)} and '
                             f'mask of shape {tuple(mask.shape)} differ.')
        self.set_field(labels * mask, 'gt_au', dtype=torch.Tensor)
        self.set_field(mask, 'gt_au_mask', dtype=torch.Tensor)
        return self

    def set_gt_intensity(self, levels: ArrayLike,
                         mask: ArrayLike) -> 'FAUDataSample':
        """Set AU intensities (0-5) and the mask of coded ones.

        Args:
            levels (ArrayLike): Shape (K,).
            mask (ArrayLike): Shape (K,), True where coded.

        Returns:
            FAUDataSample: self.
        """
        levels = _as_tensor(levels, torch.float32)
        mask = _as_tensor(mask, torch.bool)
        self.set_field(levels * mask, 'gt_intensity', dtype=torch.Tensor)
        self.set_field(mask, 'gt_intensity_mask', dtype=torch.Tensor)
        return self

    def set_region_boxes(self, boxes: ArrayLike) -> 'FAUDataSample':
        """Set the judgment-region boxes, shape (R, 4)."""
        self.set_field(
            _as_tensor(boxes, torch.float32), 'region_boxes',
            dtype=torch.Tensor)
        return self

    def set_pred_score(self,
                       score: ArrayLike,
                       threshold: ArrayLike,
                       suffix: str = '') -> 'FAUDataSample':
        """Set AU probabilities and the presence they imply.

        Args:
            score (ArrayLike): Probabilities, shape (K,).
            threshold (ArrayLike): The model's presence threshold, one value
                or shape (K,); an AU is present from it on.
            suffix (str): ``''`` for the final prediction, ``'_au'`` for the
                AU-encoder branch's.

        Returns:
            FAUDataSample: self.
        """
        score = _as_tensor(score, torch.float32)
        threshold = _as_tensor(threshold, torch.float32).to(
            score.device).expand_as(score)
        self.set_field(score, f'pred_score{suffix}', dtype=torch.Tensor)
        self.set_field(score >= threshold, f'pred_label{suffix}',
                       dtype=torch.Tensor)
        if not suffix:
            self.set_field(threshold.clone(), 'pred_threshold',
                           dtype=torch.Tensor)
        return self
