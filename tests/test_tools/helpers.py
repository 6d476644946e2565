"""Running the tools as a user would, on tiny synthetic data."""
import subprocess

import pytest

from .forked_script import ROOT, run_script_forked, tool_env

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
    proc = subprocess.run([str(a) for a in args],
                          cwd=ROOT,
                          env=tool_env(),
                          capture_output=True,
                          text=True,
                          timeout=timeout)
    return _checked(args, proc.returncode, proc.stdout, proc.stderr, succeed)


def run_python(script, *args, timeout=300, succeed=True):
    """``python SCRIPT ARGS`` from the repository root, checked as
    :func:`run_tool` checks a command, run by :func:`run_script_forked` (the
    same process without seconds of imports)."""
    done = run_script_forked(script, args, ROOT, tool_env(), timeout)
    return _checked((script, ) + args, done.returncode, done.stdout,
                    done.stderr, succeed)
