"""Two processes on the CPU (gloo): every face evaluated once, same F1."""
import re
import socket

import pytest

from .helpers import run_python, run_tool, tiny_options

#: These tests run the tools or a Runner: deselect with -m "not slow".
pytestmark = pytest.mark.slow

CONFIG = 'configs/fau/full_synthetic.py'


def _free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return str(s.getsockname()[1])


def _metrics(out):
    last = [line for line in out.splitlines()
            if 'num_samples' in line and 'F1/mean' in line][-1]
    return (float(re.search(r'F1/mean: ([\d.]+)', last).group(1)),
            int(re.search(r'num_samples: (\d+)', last).group(1)))


def test_two_process_training_and_testing_match_one_process(
        tmp_path, monkeypatch):
    work = tmp_path / 'dist'
    # 5 test faces on 2 processes: the sampler pads to 6, which the metric
    # must not count
    monkeypatch.setenv('PORT', _free_port())
    out = run_tool('bash', 'tools/dist_train.sh', CONFIG, 2, '--work-dir',
                   work, *tiny_options(**{'train_cfg.max_epochs': 1}))
    assert 'Distributed training: True' in out
    assert 'GPU number: 2' in out  # MMEngine's name for the world size
    f1_train_val, samples = _metrics(out)
    assert samples == 5

    monkeypatch.setenv('PORT', _free_port())
    dist_out = run_tool('bash', 'tools/dist_test.sh', CONFIG,
                        work / 'epoch_1.pth', 2, '--work-dir', work,
                        *tiny_options())
    single_out = run_python('tools/test.py', CONFIG,
                          work / 'epoch_1.pth', '--work-dir', work,
                          *tiny_options())
    assert _metrics(dist_out) == _metrics(single_out)
    assert _metrics(dist_out) == (f1_train_val, 5)
