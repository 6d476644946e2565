"""A regression loss on AU intensities that ignores uncoded ones."""
from typing import Optional

import torch.nn.functional as F
from torch import Tensor, nn

from mmfau.registry import MODELS


@MODELS.register_module()
class MaskedIntensityLoss(nn.Module):
    """Smooth L1 between estimated and coded intensities (0-5), averaged
    over the coded entries only.

    Args:
        loss_weight (float): Weight of this loss in the total.
        beta (float): Where smooth L1 turns from quadratic to linear, in
            intensity levels.
    """

    def __init__(self, loss_weight: float = 1.0, beta: float = 1.0) -> None:
        super().__init__()
        self.loss_weight = loss_weight
        self.beta = beta

    def forward(self, estimate: Tensor, target: Tensor,
                mask: Optional[Tensor] = None) -> Tensor:
        """Compute the loss.

        Args:
            estimate (Tensor): Estimated intensities (N, K).
            target (Tensor): Coded intensities (N, K).
            mask (Tensor, optional): True where coded (N, K).

        Returns:
            Tensor: Scalar loss.
        """
        loss = F.smooth_l1_loss(estimate.float(), target.float(),
                                reduction='none', beta=self.beta)
        if mask is None:
            return self.loss_weight * loss.mean()
        mask = mask.to(loss.dtype)
        return self.loss_weight * (loss * mask).sum() / mask.sum().clamp(
            min=1.0)
