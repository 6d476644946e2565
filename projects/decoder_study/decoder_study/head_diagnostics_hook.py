"""Recording the head's diagnostics over training."""
import json
import os.path as osp
from typing import Optional

from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper

from mmfau.registry import HOOKS

from .diagnostics import head_diagnostics


@HOOKS.register_module()
class HeadDiagnosticsHook(Hook):
    """Every ``interval`` training iterations (and before the first), measure
    :func:`~decoder_study.diagnostics.head_diagnostics` on a fixed
    batch of training faces: the decoder's cross-attention entropy per
    layer and the share of it on each AU's judgment regions, how much the
    AU encoder's, region encoder's and decoder's tokens vary between
    images, and the gradient norm each loss sends to the backbone. Each
    measurement is logged as scalars (``diag/...``) and appended as one
    JSON line to ``<work_dir>/head_diagnostics.jsonl``,
    which ``projects/decoder_study/tools/plot_head_diagnostics.py`` draws.

    Args:
        interval (int): Iterations between measurements.
        num_faces (int): Faces in the fixed batch (the first of the
            training set, through its pipeline).
    """

    priority = 'LOW'

    def __init__(self, interval: int = 50, num_faces: int = 32) -> None:
        if num_faces < 2:
            raise ValueError('HeadDiagnosticsHook needs num_faces >= 2 to '
                             'measure how tokens vary between images.')
        self.interval = interval
        self.num_faces = num_faces
        self._batch = None

    def before_train(self, runner) -> None:
        loader = runner.train_dataloader
        dataset = loader.dataset
        count = min(self.num_faces, len(dataset))
        self._batch = loader.collate_fn([dataset[i] for i in range(count)])
        self._measure(runner, runner.iter)

    def after_train_iter(self,
                         runner,
                         batch_idx: int,
                         data_batch: Optional[dict] = None,
                         outputs: Optional[dict] = None) -> None:
        if self.every_n_train_iters(runner, self.interval):
            self._measure(runner, runner.iter + 1)

    def _measure(self, runner, done: int) -> None:
        """Measure after ``done`` training iterations."""
        model = runner.model.module if is_model_wrapper(runner.model) \
            else runner.model
        data = model.data_preprocessor(self._batch, False)
        result = head_diagnostics(model, data['inputs'],
                                  data['data_samples'])
        runner.visualizer.add_scalars(
            {f'diag/{k}': v for k, v in result.items()}, step=done)
        if runner.rank == 0:
            path = osp.join(runner.work_dir, 'head_diagnostics.jsonl')
            with open(path, 'a') as f:
                f.write(json.dumps(dict(iter=done, **result)) + '\n')
