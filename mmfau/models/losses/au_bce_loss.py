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
        if pos_weight is None:
            self.pos_weight = None
        else:
            self.register_buffer('pos_weight',
                                 torch.as_tensor(pos_weight,
                                                 dtype=torch.float32))

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
            pos_weight=self.pos_weight)
        if mask is None:
            return self.loss_weight * loss.mean()
        mask = mask.to(loss.dtype)
        return self.loss_weight * (loss * mask).sum() / mask.sum().clamp(
            min=1.0)
