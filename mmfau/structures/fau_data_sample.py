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
    - ``region_boxes`` (Tensor, float, shape (R, 4)): judgment-region boxes,
      (x1, y1, x2, y2) in input-image pixels.
    - ``landmarks`` (Tensor, float, shape (68, 2)).
    - ``pred_score`` (Tensor, float, shape (K,)): AU probabilities.
    - ``pred_label`` (Tensor, bool, shape (K,)): AU presence.
    - ``pred_score_au`` (Tensor, float, shape (K,)): the AU-encoder branch's
      probabilities, when the model has a decoder too.
    - ``pred_region_score`` (Tensor, float, shape (R,)): region activity.

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

    def set_region_boxes(self, boxes: ArrayLike) -> 'FAUDataSample':
        """Set the judgment-region boxes, shape (R, 4)."""
        self.set_field(
            _as_tensor(boxes, torch.float32), 'region_boxes',
            dtype=torch.Tensor)
        return self

    def set_pred_score(self,
                       score: torch.Tensor,
                       thr: float = 0.5) -> 'FAUDataSample':
        """Set AU probabilities and the presence they imply at ``thr``."""
        self.set_field(score, 'pred_score', dtype=torch.Tensor)
        self.set_field(score >= thr, 'pred_label', dtype=torch.Tensor)
        return self
