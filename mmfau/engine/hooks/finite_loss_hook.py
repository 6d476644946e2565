"""Stopping training at the first NaN or infinite loss."""
from typing import Optional

import torch
from mmengine.hooks import Hook

from mmfau.registry import HOOKS


@HOOKS.register_module()
class FiniteLossHook(Hook):
    """Stop training with a clear message when a loss is NaN or infinite.

    It runs after each training iteration and before the checkpoint hook,
    so no checkpoint is written from poisoned weights.
    """

    priority = 'ABOVE_NORMAL'  # before CheckpointHook (VERY_LOW)

    def after_train_iter(self,
                         runner,
                         batch_idx: int,
                         data_batch: Optional[dict] = None,
                         outputs: Optional[dict] = None) -> None:
        if not outputs:
            return
        losses = {
            name: torch.as_tensor(value).detach()
            for name, value in outputs.items() if name.startswith('loss')
        }
        bad = {
            name: float(value)
            for name, value in losses.items()
            if not torch.isfinite(value).all()
        }
        if bad:
            raise FloatingPointError(
                f'Non-finite loss at iteration {runner.iter + 1} (epoch '
                f'{runner.epoch + 1}): {bad}. Training stopped before '
                'saving a checkpoint from these weights; the last checkpoint '
                'is unaffected. Lower the learning rate, enable gradient '
                'clipping, or check the inputs of this batch: '
                f'{_batch_paths(data_batch)}')


def _batch_paths(data_batch: Optional[dict]) -> list:
    samples = (data_batch or {}).get('data_samples', [])
    return [s.metainfo.get('img_path', '?') for s in samples]
