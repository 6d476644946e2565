"""Data loader settings that follow the machine: ``'auto'`` workers and
pinning."""
import os

import torch

from mmfau.utils.cores import usable_cores

#: Workers per training process at most: beyond this, more processes cost
#: memory and start-up time and rarely feed a single GPU faster.
MAX_AUTO_WORKERS = 8


def auto_workers() -> int:
    """The CPU cores this process may use, shared among the training
    processes of the machine (``LOCAL_WORLD_SIZE``), at most
    :data:`MAX_AUTO_WORKERS`, at least 1."""
    processes = int(os.environ.get('LOCAL_WORLD_SIZE', 1))
    return max(1, min(MAX_AUTO_WORKERS, usable_cores() // max(processes, 1)))


def resolve_loader_options(loader: dict) -> dict:
    """A data loader config with ``num_workers='auto'`` and
    ``pin_memory='auto'`` made concrete.

    Args:
        loader (dict): A data loader config, as MMEngine's Runner reads it.

    Returns:
        dict: A copy in which ``num_workers='auto'`` is
        :func:`auto_workers` and ``pin_memory='auto'`` is whether a CUDA
        device is present (page-locked batches copy to it asynchronously;
        without one, pinning only costs), and ``persistent_workers`` is off
        when there are no workers.
    """
    loader = dict(loader)
    if loader.get('num_workers') == 'auto':
        loader['num_workers'] = auto_workers()
    if loader.get('pin_memory') == 'auto':
        loader['pin_memory'] = torch.cuda.is_available()
    if not loader.get('num_workers'):
        loader['persistent_workers'] = False
    return loader
