"""Running the tools as a user would, on tiny synthetic data."""
import os
import os.path as osp
import subprocess

import pytest

from .forked_script import run_script_forked

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


def _checked(args, returncode: int, stdout: str, stderr: str,
             succeed: bool) -> str:
    if (returncode == 0) != succeed:
        pytest.fail(f'{args} exited {returncode}:\n'
                    f'{stdout[-3000:]}\n{stderr[-5000:]}')
    return stdout + stderr


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
    return _checked(args, proc.returncode, proc.stdout, proc.stderr, succeed)


def run_python(script, *args, timeout=300, succeed=True):
    """``python SCRIPT ARGS`` from the repository root, as :func:`run_tool`
    runs a command, in a child forked from this process
    (:func:`run_script_forked`: the same run without seconds of imports)."""
    env = dict(os.environ, PYTHONPATH=ROOT, OMP_NUM_THREADS='1')
    done = run_script_forked(str(script), [str(a) for a in args], ROOT, env,
                             timeout)
    return _checked((script, ) + args, done.returncode, done.stdout,
                    done.stderr, succeed)
