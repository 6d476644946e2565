"""MMEngine's Runner with checkpoints that are safe to load and to write."""
import glob
import os
import os.path as osp
import re
from typing import Optional
from urllib.error import URLError

from mmengine.hooks import Hook
from mmengine.runner import Runner

from mmfau.registry import RUNNERS
from mmfau.utils import read_checkpoint, state_dict_mismatch

from .loader_options import resolve_loader_options
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

    Initial weights that cannot be downloaded (e.g. the BP4D configs'
    ImageNet ResNet-50 without a network) stop training with one line that
    says how to go on, instead of urllib's traceback.

    Data loaders may say ``num_workers='auto'`` and ``pin_memory='auto'``
    (:func:`resolve_loader_options`). With ``compile`` set
    (``tools/train.py --compile``), the model's forward and losses compile
    into one graph (``FAURecognizer.compile_steps``).

    mmfau's tools build this runner for every config (a config may name
    another with ``runner_type``); no hook has to be remembered.
    """

    def register_hooks(self,
                       default_hooks: Optional[dict] = None,
                       custom_hooks: Optional[list] = None) -> None:
        super().register_hooks(default_hooks, custom_hooks)
        self.register_hook(_PlainStateHook())

    def _init_model_weights(self) -> None:
        try:
            super()._init_model_weights()
        except URLError as err:
            init = self.cfg.model.get('backbone', {}).get('init_cfg')
            source = "named by the model's init_cfg"
            if isinstance(init, dict) and init.get('checkpoint'):
                source = init['checkpoint']
            raise ConnectionError(
                f'Could not download the initial weights {source} '
                f'({err.reason}). Without a network, start from random '
                'weights with --cfg-options model.backbone.init_cfg=None, '
                'or set model.backbone.init_cfg.checkpoint to a local copy '
                'of the file.') from err

    @staticmethod
    def build_dataloader(dataloader, seed=None, diff_rank_seed=False):
        """MMEngine's, after :func:`resolve_loader_options` (``'auto'``
        workers and pinning)."""
        if isinstance(dataloader, dict):
            dataloader = resolve_loader_options(dataloader)
        return Runner.build_dataloader(dataloader, seed, diff_rank_seed)

    def _maybe_compile(self, target: str) -> None:
        """With ``compile`` in the config, a model that offers
        ``compile_steps`` (:class:`~mmfau.models.FAURecognizer`) compiles
        its forward and losses into one graph; other models get MMEngine's
        compilation of ``target``."""
        options = self.cfg.get('compile', None)
        model = getattr(self.model, 'module', self.model)
        if options is None or options is False or not hasattr(
                model, 'compile_steps'):
            return super()._maybe_compile(target)
        model.compile_steps(**(options if isinstance(options, dict) else {}))
        self.logger.info('The model\'s forward and losses are compiled into '
                         'one graph; the first iterations take longer.')

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


#: The config entries a run needs, by what it does.
REQUIRED_ENTRIES = dict(
    train=('model', 'train_dataloader', 'train_cfg', 'optim_wrapper'),
    test=('model', 'test_dataloader', 'test_cfg', 'test_evaluator'))


def check_runnable(cfg, purpose: str = 'train') -> None:
    """Refuse a config that lacks what a run needs, naming what it lacks
    (a base config such as a schedule or a dataset alone, say).

    Args:
        cfg (Config): The config.
        purpose (str): ``'train'`` or ``'test'``.
    """
    missing = [key for key in REQUIRED_ENTRIES[purpose]
               if cfg.get(key) is None]
    if missing:
        raise ValueError(
            f'{cfg.filename or "The config"} cannot {purpose}: it lacks '
            f'{", ".join(missing)}. A runnable config inherits a model, a '
            'dataset, a schedule and the runtime, as '
            'configs/fau/full_bp4d_f1.py does.')


def build_runner(cfg, purpose: str = 'train') -> Runner:
    """The runner a config asks for: :class:`SafeCheckpointRunner` unless it
    names another ``runner_type``.

    Args:
        cfg (Config): A training or testing config.
        purpose (str): ``'train'`` or ``'test'``: what the config must hold.

    Returns:
        Runner: The built runner.
    """
    check_runnable(cfg, purpose)
    runner_type = cfg.get('runner_type', 'SafeCheckpointRunner')
    runner_cls = RUNNERS.get(runner_type)
    if runner_cls is None:
        raise ValueError(f'{cfg.filename or "The config"}: runner_type '
                         f'{runner_type!r} is not a registered runner.')
    return runner_cls.from_cfg(cfg)
