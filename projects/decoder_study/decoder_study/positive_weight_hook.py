"""Weighting positive AU labels by their rarity in the training folds."""
import numpy as np
from mmengine.hooks import Hook

from mmfau.registry import HOOKS

from .label_counts import trained_head, training_label_counts


def positive_weights(positive, known, max_weight: float = 50.0) -> np.ndarray:
    """Negatives per positive of each AU, ``(known - positive) / positive``,
    clipped to ``[1 / max_weight, max_weight]``."""
    positive = np.asarray(positive, dtype=np.float64)
    known = np.asarray(known, dtype=np.float64)
    weights = (known - positive) / np.maximum(positive, 1.0)
    return weights.clip(1.0 / max_weight, max_weight)


@HOOKS.register_module()
class AUPositiveWeightHook(Hook):
    """Before training, weight the positive labels of the head's AU losses
    from the per-AU positive and known counts that the converters store with
    the annotations (summed over the training parts), through the head's
    ``set_au_pos_weight``. Off unless added to ``custom_hooks``: the paper
    uses plain cross-entropy.

    Args:
        max_weight (float): Upper bound of a weight (rare AUs).
    """

    def __init__(self, max_weight: float = 50.0) -> None:
        self.max_weight = max_weight

    def before_train(self, runner) -> None:
        hook = type(self).__name__
        positive, known, names = training_label_counts(runner, hook)
        weights = positive_weights(positive, known, self.max_weight)
        head = trained_head(runner, 'set_au_pos_weight', hook)
        applied = head.set_au_pos_weight(weights)
        runner.logger.info(
            f'AU positive weights for {applied}: ' + ', '.join(
                f'{n} {w:.2f}' for n, w in zip(names, weights)))
