"""Building a runner from a config, and refusing configs that cannot run,
before the first step."""
from typing import List
from urllib.error import URLError

from mmengine.config import Config
from mmengine.runner import Runner

from mmfau.registry import METRICS, RUNNERS

from .loader_options import resolve_loader_options

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
    head = getattr(getattr(model, 'module', model), 'head', None)
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


def train(runner: Runner) -> None:
    """``runner.train()``; initial weights that cannot be downloaded (e.g.
    the BP4D configs' ImageNet ResNet-50 without a network) stop it with
    one line that says how to go on, instead of urllib's traceback.

    Args:
        runner (Runner): From :func:`build_runner`.
    """
    try:
        runner.train()
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
