"""MMEngine's Runner with checkpoints that are safe to load and to write."""
import glob
import os
import os.path as osp
import re
from typing import Optional

from mmengine.hooks import Hook
from mmengine.runner import Runner

from mmfau.registry import RUNNERS
from mmfau.utils import read_checkpoint, state_dict_mismatch

from .plain_state import from_plain, rng_state, set_rng_state, to_plain


def latest_checkpoint(work_dir: str) -> Optional[str]:
    """The checkpoint a ``--resume`` without a path continues from: the one
    ``last_checkpoint`` names when that file exists, else the newest
    ``epoch_*.pth`` / ``iter_*.pth`` of the work dir (a kill can land
    between a checkpoint's rename and the pointer's rewrite); None when there
    is none.

    Args:
        work_dir (str): The run's work dir.

    Returns:
        str | None: A checkpoint path.
    """
    pointer = osp.join(work_dir, 'last_checkpoint')
    if osp.isfile(pointer):
        with open(pointer) as f:
            named = f.read().strip()
        if named and osp.isfile(named):
            return named
    numbered = []
    for path in glob.glob(osp.join(work_dir, '*.pth')):
        match = re.fullmatch(r'(epoch|iter)_(\d+)\.pth', osp.basename(path))
        if match:
            numbered.append((int(match.group(2)), path))
    return max(numbered)[1] if numbered else None


class _PlainStateHook(Hook):
    """Stores the random state and turns numpy values and history buffers
    into plain numbers just before a checkpoint is written (after every
    other hook has added its part)."""

    priority = 'VERY_LOW'

    def before_save_checkpoint(self, runner, checkpoint: dict) -> None:
        checkpoint['rng_state'] = rng_state()
        checkpoint.update(to_plain(checkpoint))


@RUNNERS.register_module()
class SafeCheckpointRunner(Runner):
    """A :class:`mmengine.runner.Runner` whose checkpoints are safe:

    - they hold plain numbers only, so they load with ``torch.load``'s safe
      default (``weights_only=True``, torch >= 2.6) and ``--resume`` works
      without trusting pickled code;
    - they hold the Python, numpy and torch random states, which a resumed
      run restores, so that it continues as an uninterrupted run would;
    - each is written to a ``.part`` file and renamed into place, so a
      process killed while saving leaves the previous checkpoints (and the
      ``last_checkpoint`` pointer, written after the rename) intact;
    - ``load_from`` and resumed checkpoints load strictly: a checkpoint of
      another model stops with an error naming it, instead of a warning and
      a partly random model. (To start from part of another model, use the
      model's ``init_cfg=dict(type='Pretrained', ...)``.)

    mmfau's tools build this runner for every config
    (:func:`~mmfau.engine.runner.build_runner`; a config may name another
    with ``runner_type``); no hook has to be remembered.
    """

    def register_hooks(self,
                       default_hooks: Optional[dict] = None,
                       custom_hooks: Optional[list] = None) -> None:
        super().register_hooks(default_hooks, custom_hooks)
        self.register_hook(_PlainStateHook())

    def load_or_resume(self) -> None:
        """Resume from :func:`latest_checkpoint` when ``--resume`` names no
        checkpoint; start afresh, saying so, when there is none."""
        if self._resume and self._load_from is None and not self._has_loaded:
            self._load_from = latest_checkpoint(self.work_dir)
            if self._load_from is None:
                self.logger.info(f'No checkpoint in {self.work_dir} to '
                                 'resume from: training from the start.')
                self._resume = False
        super().load_or_resume()

    def load_checkpoint(self, filename: str, map_location='cpu',
                        strict: bool = True, revise_keys=[(r'^module.',
                                                           '')]) -> dict:
        try:
            checkpoint = super().load_checkpoint(filename, map_location,
                                                 strict, revise_keys)
        except Exception as err:
            # say what is wrong in one line: a file that is not a readable
            # checkpoint (read_checkpoint raises), or one of another model
            model = getattr(self.model, 'module', self.model)
            mismatch = state_dict_mismatch(
                model.state_dict(), read_checkpoint(filename)['state_dict'])
            if not mismatch:
                raise
            raise ValueError(
                f'Checkpoint {filename} does not match the model of '
                f'{self.cfg.filename or "this config"}: {mismatch}.') from err
        if 'message_hub' in checkpoint:
            checkpoint['message_hub'] = from_plain(checkpoint['message_hub'])
        self._checkpoint_rng_state = checkpoint.get('rng_state')
        return checkpoint

    def resume(self, filename: str, *args, **kwargs) -> None:
        super().resume(filename, *args, **kwargs)
        if getattr(self, '_checkpoint_rng_state', None) is not None:
            set_rng_state(self._checkpoint_rng_state)

    def save_checkpoint(self, out_dir: str, filename: str, *args,
                        **kwargs) -> None:
        partial = f'{filename}.part'
        super().save_checkpoint(out_dir, partial, *args, **kwargs)
        if self.rank == 0:
            os.replace(osp.join(out_dir, partial), osp.join(out_dir,
                                                            filename))
