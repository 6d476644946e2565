"""Distributed training and testing on machines without CUDA."""
import os

import torch
import torch.distributed as dist
from mmengine.config import Config


def setup_cpu_distributed(cfg: Config, launcher: str) -> None:
    """Prepare a distributed run for CPU-only machines.

    MMEngine's ``pytorch`` launcher calls ``torch.cuda.set_device``, which
    fails without a GPU, and its DDP wrapper passes ``device_ids``, which DDP
    refuses for CPU modules. On such machines start a gloo process group
    here (the Runner then skips its own initialisation) and wrap the model
    with ``device_ids=None``. With CUDA, nothing changes.

    Args:
        cfg (Config): The run's config, modified in place.
        launcher (str): 'none', 'pytorch', 'slurm' or 'mpi'.
    """
    if launcher == 'none' or torch.cuda.is_available():
        return
    if launcher != 'pytorch':
        raise RuntimeError(f'The {launcher!r} launcher needs CUDA; on a '
                           "CPU-only machine use 'pytorch' (torchrun).")
    if not dist.is_initialized():
        dist.init_process_group(
            backend='gloo',
            rank=int(os.environ['RANK']),
            world_size=int(os.environ['WORLD_SIZE']))
    wrapper = dict(cfg.get('model_wrapper_cfg') or {})
    wrapper.setdefault('type', 'MMDistributedDataParallel')
    wrapper['device_ids'] = None
    cfg.model_wrapper_cfg = wrapper


def shutdown_distributed() -> None:
    """End a distributed run cleanly: wait for every process, then destroy
    the process group.

    A process that exits with its process group alive leaves the group's
    C++ worker threads to static destructors, which can abort the process
    (``terminate called without an active exception``) after its work is
    done, so that ``torchrun`` reports a finished run as failed. Tools call
    this as the last step of a run; without a process group it does
    nothing.
    """
    if dist.is_available() and dist.is_initialized():
        dist.barrier()
        dist.destroy_process_group()
