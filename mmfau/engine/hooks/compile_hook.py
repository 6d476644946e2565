"""Compiling the model before training (``tools/train.py --compile``)."""
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper

from mmfau.registry import HOOKS


@HOOKS.register_module()
class CompileHook(Hook):
    """Before training, compile the model's forward and losses and its
    outputs into one graph each (``FAURecognizer.compile_steps``:
    :func:`torch.compile` with ``fullgraph=True``, so a graph break is an
    error, not a silent slowdown). The first iterations take longer.

    Args:
        **options: Passed to :func:`torch.compile`, e.g.
            ``mode='max-autotune'`` or ``backend='eager'``.
    """

    priority = 'VERY_HIGH'

    def __init__(self, **options) -> None:
        self.options = options

    def before_train(self, runner) -> None:
        model = runner.model.module if is_model_wrapper(runner.model) \
            else runner.model
        if not hasattr(model, 'compile_steps'):
            raise ValueError(f'CompileHook: {type(model).__name__} has no '
                             'compile_steps (as FAURecognizer has).')
        model.compile_steps(**self.options)
        runner.logger.info('The model\'s forward and losses are compiled '
                           'into one graph; the first iterations take '
                           'longer.')
