import os

import pytest
import torch

from mmfau.apis import register_all_modules
from mmfau.utils import usable_cores


def pytest_configure(config):
    """Share the cores between pytest-xdist's workers instead of letting
    each one's torch use them all."""
    workers = os.environ.get('PYTEST_XDIST_WORKER_COUNT')
    if workers:
        torch.set_num_threads(max(1, usable_cores() // int(workers)))


@pytest.fixture(scope='session', autouse=True)
def _register_modules():
    register_all_modules(init_default_scope=True)
