"""Which judgment regions are active, derived from AU labels by the rules.

The region relation branch (Er) of the method learns to predict these
targets as an auxiliary task.
"""
from typing import Tuple

from torch import Tensor


def active_region_targets(labels: Tensor, mask: Tensor,
                          au_regions: Tensor) -> Tuple[Tensor, Tensor]:
    """Active-region targets and their known mask.

    Region m is active when a present AU lists it, inactive when every AU
    listing it is known to be absent, and unknown otherwise (also when no AU
    of the model lists it).

    Args:
        labels (Tensor): AU labels (N, K), 0 or 1 where known.
        mask (Tensor): True where a label is known (N, K).
        au_regions (Tensor): The rule table as a 0/1 matrix (K, R), from
            :func:`mmfau.facs.au_region_matrix`.

    Returns:
        tuple[Tensor, Tensor]: Targets (N, R), 0 or 1, in the labels' dtype,
        and their known mask (N, R), bool.
    """
    rules = au_regions.to(labels.dtype)
    known_labels = mask.to(labels.dtype)
    active = ((labels * known_labels) @ rules) > 0
    any_unknown = ((1 - known_labels) @ rules) > 0
    listed = rules.sum(dim=0) > 0
    known = active | (~any_unknown & listed)
    return active.to(labels.dtype), known
