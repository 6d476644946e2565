"""Weighting positive AU labels by their rarity in the training folds."""
import numpy as np
from mmengine.hooks import Hook

from mmfau.registry import HOOKS


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
        dataset = runner.train_dataloader.dataset
        meta = dataset.metainfo
        if 'au_positive' not in meta:
            raise ValueError(
                f'{type(dataset).__name__} has no per-AU label counts '
                '(au_positive, au_known); re-run the converter, or remove '
                'AUPositiveWeightHook.')
        weights = positive_weights(meta['au_positive'], meta['au_known'],
                                   self.max_weight)
        model = runner.model.module if hasattr(runner.model,
                                               'module') else runner.model
        if not hasattr(model.head, 'set_au_pos_weight'):
            raise ValueError(
                f'{type(model.head).__name__} has no set_au_pos_weight(); '
                'AUPositiveWeightHook cannot weight its losses.')
        applied = model.head.set_au_pos_weight(weights)
        runner.logger.info(
            f'AU positive weights for {applied}: ' + ', '.join(
                f'{n} {w:.2f}' for n, w in zip(meta['au_names'], weights)))
