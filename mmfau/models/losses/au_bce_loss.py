"""Binary cross-entropy over AU (or region) labels with unknown entries."""
from typing import Optional, Sequence

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from mmfau.registry import MODELS


@MODELS.register_module()
class MaskedBCELoss(nn.Module):
    """Multi-label binary cross-entropy that ignores unknown labels.

    Unknown entries (mask False) contribute neither to the sum nor to the
    count: the loss is the mean over known entries only.

    Args:
        loss_weight (float): Weight of this loss in the total.
        pos_weight (Sequence[float], optional): Per-label weight of positive
            examples (e.g. inverse positive frequency). Off by default.
    """

    def __init__(self,
                 loss_weight: float = 1.0,
                 pos_weight: Optional[Sequence[float]] = None) -> None:
        super().__init__()
        self.loss_weight = loss_weight
        # set by the config or the training data, not stored in checkpoints
        self.register_buffer('pos_weight', None, persistent=False)
        if pos_weight is not None:
            self.set_pos_weight(pos_weight)

    def set_pos_weight(self, pos_weight: Sequence[float]) -> None:
        """Weight the positive examples of each label.

        Args:
            pos_weight (Sequence[float]): One positive weight per label.
        """
        weights = torch.as_tensor(pos_weight, dtype=torch.float32).flatten()
        if not (weights > 0).all():
            raise ValueError(f'Positive weights must be > 0, got '
                             f'{weights.tolist()}.')
        self.pos_weight = weights

    def forward(self, logits: Tensor, target: Tensor,
                mask: Optional[Tensor] = None) -> Tensor:
        """Compute the loss.

        Args:
            logits (Tensor): Shape (N, K).
            target (Tensor): Shape (N, K), 0 or 1.
            mask (Tensor, optional): Shape (N, K), True where known.

        Returns:
            Tensor: Scalar loss.
        """
        logits = logits.float()
        loss = F.binary_cross_entropy_with_logits(
            logits, target.float(), reduction='none',
            pos_weight=None if self.pos_weight is None else
            self.pos_weight.to(logits.device))
        if mask is None:
            return self.loss_weight * loss.mean()
        mask = mask.to(loss.dtype)
        return self.loss_weight * (loss * mask).sum() / mask.sum().clamp(
            min=1.0)
