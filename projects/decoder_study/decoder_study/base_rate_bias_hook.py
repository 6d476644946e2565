"""Starting the AU classifiers at the AUs' training base rates."""
import numpy as np
from mmengine.hooks import Hook

from mmfau.registry import HOOKS

from .label_counts import trained_head, training_label_counts


@HOOKS.register_module()
class AUBaseRateBiasHook(Hook):
    """Before a fresh training run, set each AU classifier's output bias to
    the logit of the AU's share of positive labels in the training data
    (summed over the training parts), through the head's
    ``set_au_base_rates``. An untrained head then predicts every AU at its
    frequency instead of 0.5, so the first updates go to telling faces
    apart rather than to learning how rare each AU is. A resumed run, or
    one that loads weights (``load_from``), keeps its biases.
    """

    def before_train(self, runner) -> None:
        if runner.iter > 0 or getattr(runner, '_load_from', None):
            return
        hook = type(self).__name__
        positive, known, names = training_label_counts(runner, hook)
        rates = positive / np.maximum(known, 1.0)
        head = trained_head(runner, 'set_au_base_rates', hook)
        applied = head.set_au_base_rates(rates)
        runner.logger.info(
            f'AU base rates as the output biases of {applied}: ' +
            ', '.join(f'{n} {r:.3f}' for n, r in zip(names, rates)))
