"""Building a runner from a config, and refusing configs that cannot run,
before the first step."""
import glob
import os
import os.path as osp
import signal
import time
from typing import List
from urllib.error import URLError

from mmengine.config import Config
from mmengine.model import is_model_wrapper
from mmengine.runner import Runner

from mmfau.registry import METRICS, RUNNERS
from mmfau.utils.interruption import handling_stop_signals, signal_exit_code

from .loader_options import resolve_loader_options
from .safe_checkpoint_runner import latest_checkpoint

#: The config entries a run needs, by what it does.
REQUIRED_ENTRIES = dict(
    train=('model', 'train_dataloader', 'train_cfg', 'optim_wrapper'),
    test=('model', 'test_dataloader', 'test_cfg', 'test_evaluator'))

#: The loaders of a config, whose ``'auto'`` options are resolved.
LOADERS = ('train_dataloader', 'val_dataloader', 'test_dataloader')


def check_runnable(cfg: Config, purpose: str = 'train') -> None:
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
    for key in LOADERS:
        root = ((cfg.get(key) or {}).get('dataset') or {}).get('data_root')
        if root and osp.exists(root) and not osp.isdir(root):
            raise NotADirectoryError(
                f'{root} ({key}.dataset.data_root): is a file, not the '
                'folder a converter writes (annotation files and faces).')


def _metric_types(evaluator) -> List[str]:
    """The metric types an evaluator config names."""
    if evaluator is None:
        return []
    if isinstance(evaluator, dict) and 'metrics' in evaluator:
        evaluator = evaluator['metrics']
    metrics = evaluator if isinstance(evaluator, (list, tuple)) else \
        [evaluator]
    return [m['type'] for m in metrics if isinstance(m, dict)]


def check_parts_agree(cfg: Config, model) -> None:
    """Refuse parts of a config that cannot work together, naming both:
    a metric that needs an output the model's head does not give (a
    metric's ``needs_intensity``, the head's ``estimates_intensity``), and
    a dataset whose AUs are not the head's.

    Args:
        cfg (Config): The run's config.
        model (nn.Module): The model the runner built from it.
    """
    model = model.module if is_model_wrapper(model) else model
    head = getattr(model, 'head', None)
    if head is None:
        return
    for key in LOADERS:
        aus = (cfg.get(key) or {}).get('dataset', {}).get('aus')
        if aus is not None and [int(au) for au in aus] != head.aus:
            raise ValueError(
                f'{cfg.filename or "The config"}: {key}.dataset.aus '
                f'{list(aus)} are not the AUs the head predicts, '
                f'{head.aus}; set model.head.aus to the same list.')
    for key in ('val_evaluator', 'test_evaluator'):
        for name in _metric_types(cfg.get(key)):
            metric = METRICS.get(name)
            if getattr(metric, 'needs_intensity', False) and \
                    not getattr(head, 'estimates_intensity', False):
                raise ValueError(
                    f'{cfg.filename or "The config"}: {key} has {name}, '
                    f'which scores AU intensity, but the head '
                    f'{type(head).__name__} estimates none; remove the '
                    'metric or give the head intensity regressors.')


def build_runner(cfg: Config, purpose: str = 'train') -> Runner:
    """The runner a config asks for (:class:`SafeCheckpointRunner` unless
    it names another ``runner_type``), its loaders' ``'auto'`` options made
    concrete (:func:`resolve_loader_options`), after checking that the
    config can run and that its parts agree.

    Args:
        cfg (Config): A training or testing config.
        purpose (str): ``'train'`` or ``'test'``: what the config must hold.

    Returns:
        Runner: The built runner.
    """
    check_runnable(cfg, purpose)
    for key in LOADERS:
        if isinstance(cfg.get(key), dict):
            cfg[key] = resolve_loader_options(cfg[key])
    runner_type = cfg.get('runner_type', 'SafeCheckpointRunner')
    runner_cls = RUNNERS.get(runner_type)
    if runner_cls is None:
        raise ValueError(f'{cfg.filename or "The config"}: runner_type '
                         f'{runner_type!r} is not a registered runner.')
    runner = runner_cls.from_cfg(cfg)
    check_parts_agree(cfg, runner.model)
    return runner


class TrainingStopped(Exception):
    """Training ended by SIGTERM or Ctrl-C: the message says where, and
    which checkpoint ``--resume`` continues from.

    Args:
        message (str): Where the run stopped, what a resume uses.
        exit_code (int): 128 + the signal (143 for SIGTERM, 130 for
            Ctrl-C), as a shell reports a process the signal ended.
    """

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class _Signalled(BaseException):
    """Raised in the main thread by a stop signal during training."""


def _raise_signal(signum, frame) -> None:
    raise _Signalled(signum)


def train(runner: Runner) -> None:
    """``runner.train()``, ended cleanly by SIGTERM or Ctrl-C and by
    initial weights that cannot be downloaded.

    A signal stops training where it is; a checkpoint being written stays a
    ``.part`` file, which is removed (the checkpoints before it are whole),
    and :class:`TrainingStopped` says where the run stopped and which
    checkpoint ``--resume`` continues from. Weights that cannot be
    downloaded (e.g. the BP4D configs' ImageNet ResNet-50 without a
    network) give one line that says how to go on, instead of urllib's
    traceback.

    Args:
        runner (Runner): From :func:`build_runner`.
    """
    with handling_stop_signals(_raise_signal):
        try:
            try:
                runner.train()
            except RuntimeError:
                # a signal sent to the whole process group also ends the data
                # loader's workers, whose end may reach this process first:
                # let the signal's own handler run
                time.sleep(0.2)
                raise
        except _Signalled as stop:
            signum = stop.args[0]
            # the loader workers end with the run: their end is no error now
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            for partial in glob.glob(osp.join(runner.work_dir, '*.part')):
                os.remove(partial)
            resume = latest_checkpoint(runner.work_dir)
            raise TrainingStopped(
                f'{signal.Signals(signum).name}: training stopped in epoch '
                f'{runner.epoch + 1}, iteration {runner.iter + 1}; '
                + (f'--resume continues from {resume}' if resume else
                   'no checkpoint was written yet, so --resume starts afresh'),
                signal_exit_code(signum)) from None
        except URLError as err:
            init = runner.cfg.model.get('backbone', {}).get('init_cfg')
            source = "named by the model's init_cfg"
            if isinstance(init, dict) and init.get('checkpoint'):
                source = init['checkpoint']
            raise ConnectionError(
                f'Could not download the initial weights {source} '
                f'({err.reason}). Without a network, start from random '
                'weights with --cfg-options model.backbone.init_cfg=None, '
                'or set model.backbone.init_cfg.checkpoint to a local copy '
                'of the file.') from err
