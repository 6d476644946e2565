"""Logging drawn validation faces to the visualizer's backends."""
from typing import Optional, Sequence

from mmengine.hooks import Hook

from mmfau.registry import HOOKS


@HOOKS.register_module()
class FAUVisualizationHook(Hook):
    """Draw the first faces of the first validation batch (landmarks, the 8
    judgment regions, AU probabilities with the labels marked) and hand them
    to the runner's visualizer, which writes them to its backends (local
    files by default, TensorBoard when configured).

    Args:
        num_samples (int): Faces drawn per validation.
        enable (bool): Switch drawing off without removing the hook.
    """

    def __init__(self, num_samples: int = 4, enable: bool = True) -> None:
        self.num_samples = num_samples
        self.enable = enable

    def after_val_iter(self,
                       runner,
                       batch_idx: int,
                       data_batch: Optional[dict] = None,
                       outputs: Optional[Sequence] = None) -> None:
        if not self.enable or batch_idx != 0 or not outputs:
            return
        visualizer = runner.visualizer
        if not hasattr(visualizer, 'draw_face'):
            return  # another visualizer than FAUVisualizer
        visualizer.dataset_meta = runner.val_evaluator.dataset_meta
        for i, sample in enumerate(outputs[:self.num_samples]):
            image = data_batch['inputs'][i].permute(1, 2, 0).cpu().numpy()
            visualizer.add_datasample(
                f'val_face_{i}', image[..., ::-1], sample, step=runner.epoch)
