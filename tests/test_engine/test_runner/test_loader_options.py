import pytest
import torch

from mmfau.engine.runner import auto_workers, resolve_loader_options
from mmfau.engine.runner.loader_options import MAX_AUTO_WORKERS


def test_auto_workers_share_the_cores_among_training_processes(
        monkeypatch):
    monkeypatch.setattr('os.sched_getaffinity', lambda _: set(range(12)),
                        raising=False)
    monkeypatch.delenv('LOCAL_WORLD_SIZE', raising=False)
    assert auto_workers() == MAX_AUTO_WORKERS == 8
    monkeypatch.setenv('LOCAL_WORLD_SIZE', '4')
    assert auto_workers() == 3
    monkeypatch.setenv('LOCAL_WORLD_SIZE', '16')
    assert auto_workers() == 1


@pytest.mark.parametrize('workers', [0, 2, 'auto'])
def test_loader_options_are_made_concrete(workers):
    loader = dict(batch_size=4, num_workers=workers, persistent_workers=True,
                  pin_memory='auto')
    resolved = resolve_loader_options(loader)
    assert loader['pin_memory'] == 'auto'  # the config is left alone
    assert resolved['pin_memory'] is torch.cuda.is_available()
    expected = auto_workers() if workers == 'auto' else workers
    assert resolved['num_workers'] == expected
    # persistent workers need workers
    assert resolved['persistent_workers'] is (expected > 0)
