"""Running the tools as a user would, on tiny synthetic data."""
import os
import os.path as osp
import subprocess
import sys

import pytest

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))

#: Shrinks a synthetic config to a few faces, for runs of seconds.
TINY = {
    'train_dataloader.dataset.num_subjects': 3,
    'train_dataloader.dataset.frames_per_subject': 6,
    'val_dataloader.dataset.num_subjects': 3,
    'val_dataloader.dataset.frames_per_subject': 5,
    'test_dataloader.dataset.num_subjects': 3,
    'test_dataloader.dataset.frames_per_subject': 5,
    'train_dataloader.batch_size': 4,
    'val_dataloader.batch_size': 2,
    'test_dataloader.batch_size': 2,
    'train_dataloader.num_workers': 0,
    'val_dataloader.num_workers': 0,
    'test_dataloader.num_workers': 0,
    'train_dataloader.persistent_workers': False,
    'val_dataloader.persistent_workers': False,
    'test_dataloader.persistent_workers': False,
    'train_cfg.max_epochs': 2,
    'train_cfg.val_interval': 1,
    'default_hooks.checkpoint.interval': 1,
    'default_hooks.logger.interval': 1,
}


def tiny_options(**extra):
    """``--cfg-options`` arguments for :data:`TINY` plus ``extra``."""
    options = dict(TINY, **extra)
    return ['--cfg-options'] + [f'{k}={v}' for k, v in options.items()]


def run_tool(*args, timeout=300, succeed=True):
    """Run a command from the repository root and return its output; the
    test fails, showing the output, unless it exits as ``succeed`` says."""
    env = dict(os.environ, PYTHONPATH=ROOT, OMP_NUM_THREADS='1')
    proc = subprocess.run([str(a) for a in args],
                          cwd=ROOT,
                          env=env,
                          capture_output=True,
                          text=True,
                          timeout=timeout)
    if (proc.returncode == 0) != succeed:
        pytest.fail(f'{args} exited {proc.returncode}:\n'
                    f'{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}')
    return proc.stdout + proc.stderr


def run_python(*args, **kwargs):
    """:func:`run_tool` with this interpreter."""
    return run_tool(sys.executable, *args, **kwargs)
