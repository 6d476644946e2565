"""Killed runs resume exactly; kills while saving and NaN losses harm no
checkpoint."""
import os
import os.path as osp
import re
import signal
import subprocess
import sys
import time

import pytest
import torch
from mmengine.config import Config

from mmfau.engine.runner import (
    SafeCheckpointRunner,
    TrainingStopped,
    build_runner,
    train,
)

from .helpers import ROOT, TINY, run_python

#: These tests run the tools or a Runner: deselect with -m "not slow".
pytestmark = pytest.mark.slow

ITER_CONFIG = 'configs/fau/full_synthetic_iter.py'
# 8 iterations of 4 faces over 12 training faces (3 iterations an epoch),
# a checkpoint every 2, pipelines in a worker process
ITER_OPTIONS = dict(
    TINY, **{
        'train_cfg.max_iters': 8,
        'train_cfg.val_interval': 8,
        'default_hooks.checkpoint.interval': 2,
        'default_hooks.checkpoint.max_keep_ckpts': 10,
        'train_dataloader.num_workers': 1,
    })
ITER_OPTIONS.pop('train_cfg.max_epochs')


def _args(work):
    return [
        'tools/train.py', ITER_CONFIG, '--work-dir', work, '--deterministic',
        '--cfg-options'
    ] + [f'{k}={v}' for k, v in ITER_OPTIONS.items()]


def _final_metrics(log):
    """The last validation's metrics, key -> value."""
    line = [line for line in log.splitlines()
            if 'Iter(val)' in line and 'F1/mean' in line][-1]
    return {
        key: float(value)
        for key, value in re.findall(r'(\S+): (-?[\d.]+)', line)
        if 'time' not in key
    }


def _assert_same_metrics(resumed, reference):
    """Occurrence metrics equal; intensity agreement equal up to float
    summation order (ICC of a near-constant estimate is unstable)."""
    assert resumed.keys() == reference.keys()
    for key, value in reference.items():
        if key.split('/')[0] in ('ICC', 'MAE', 'PCC'):
            assert abs(resumed[key] - value) <= 1e-3, key
        else:
            assert resumed[key] == value, key


def test_sigkill_mid_epoch_then_resume_ends_like_an_uninterrupted_run(
        tmp_path):
    reference = _final_metrics(run_python(*_args(tmp_path / 'straight')))
    work = tmp_path / 'killed'
    env = dict(os.environ, PYTHONPATH=ROOT)
    proc = subprocess.Popen([sys.executable, *map(str, _args(work))],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.time() + 240
    while not osp.exists(work / 'iter_2.pth') and time.time() < deadline:
        assert proc.poll() is None, 'training ended before the kill'
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)  # mid-epoch: iteration 2 of 3
    proc.wait()
    assert not osp.exists(work / 'iter_8.pth')
    log = run_python(*_args(work), '--resume')
    resumed = int(re.search(r'resumed epoch: \d+, iter: (\d+)', log)[1])
    assert resumed >= 2 and resumed % 2 == 0  # from its last checkpoint
    assert f'Advance dataloader {resumed} steps' in log
    _assert_same_metrics(_final_metrics(log), reference)
    for name in os.listdir(work):
        if name.endswith('.pth'):
            torch.load(work / name, weights_only=True)


def test_sigterm_while_saving_says_where_it_stopped_and_cleans_up(
        tmp_path, monkeypatch):
    cfg = Config.fromfile(osp.join(ROOT, ITER_CONFIG))
    cfg.merge_from_dict(ITER_OPTIONS)
    cfg.merge_from_dict({'train_cfg.max_iters': 4,
                         'train_dataloader.num_workers': 0})
    cfg.work_dir = str(tmp_path)
    runner = build_runner(cfg)
    import mmengine.runner.runner as runner_module
    original = runner_module.save_checkpoint

    def terminated_while_writing(checkpoint, filename, **kwargs):
        if 'iter_4' in filename:
            with open(filename, 'wb') as f:
                f.write(b'half a checkpoint')
            os.kill(os.getpid(), signal.SIGTERM)
        original(checkpoint, filename, **kwargs)

    monkeypatch.setattr(runner_module, 'save_checkpoint',
                        terminated_while_writing)
    handler = signal.getsignal(signal.SIGTERM)
    with pytest.raises(TrainingStopped) as stopped:
        train(runner)
    assert stopped.value.exit_code == 143
    assert str(stopped.value) == (
        'SIGTERM: training stopped in epoch 1, iteration 4; --resume '
        f'continues from {tmp_path / "iter_2.pth"}')
    # the partial file is gone; the checkpoints before it are whole
    assert [p.name for p in tmp_path.glob('*.pth*')] == ['iter_2.pth']
    last = (tmp_path / 'last_checkpoint').read_text().strip()
    assert last.endswith('iter_2.pth')
    assert torch.load(last, weights_only=True)['meta']['iter'] == 2
    # the signal handlers are the process's own again
    assert signal.getsignal(signal.SIGTERM) is handler


def test_a_nan_loss_stops_training_before_any_checkpoint(tmp_path):
    from mmfau.models.losses import MaskedBCELoss
    from mmfau.registry import MODELS

    @MODELS.register_module(force=True)
    class ExplodingLoss(MaskedBCELoss):
        """Fine for one iteration, then NaN."""
        calls = 0

        def forward(self, logits, target, mask=None):
            ExplodingLoss.calls += 1
            loss = super().forward(logits, target, mask)
            return loss if ExplodingLoss.calls == 1 else loss * float('nan')

    cfg = Config.fromfile(osp.join(ROOT, ITER_CONFIG))
    cfg.merge_from_dict(ITER_OPTIONS)
    cfg.merge_from_dict({'train_dataloader.num_workers': 0,
                         'default_hooks.checkpoint.interval': 1})
    cfg.model.head.loss_decoder = dict(type='ExplodingLoss')
    cfg.work_dir = str(tmp_path)
    runner = SafeCheckpointRunner.from_cfg(cfg)
    with pytest.raises(FloatingPointError,
                       match=r'Non-finite loss at iteration 2 .*loss_decoder'
                       r'.*stopped before saving'):
        runner.train()
    assert sorted(p for p in os.listdir(tmp_path)
                  if p.endswith('.pth')) == ['iter_1.pth']
