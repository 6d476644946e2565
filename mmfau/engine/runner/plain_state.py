"""Run state as plain numbers, which ``torch.load(weights_only=True)`` can
read back, and the random state needed to resume a run exactly."""
import random
from typing import Any

import numpy as np
import torch
from mmengine.logging import HistoryBuffer

_BUFFER_TAG = '__history_buffer__'


def to_plain(value: Any) -> Any:
    """Replace numpy values and MMEngine history buffers by plain Python.

    Tensors are kept. Tuples stay tuples; history buffers become tagged
    dicts that :func:`from_plain` turns back.
    """
    if isinstance(value, torch.Tensor):
        return value
    if isinstance(value, HistoryBuffer):
        log, count = value.data
        return {
            _BUFFER_TAG: True,
            'log_history': log.tolist(),
            'count_history': count.tolist(),
            'max_length': int(value.max_length),
        }
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, dict):
        return type(value)((k, to_plain(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return type(value)(to_plain(v) for v in value)
    return value


def from_plain(value: Any) -> Any:
    """Turn the tagged dicts of :func:`to_plain` back into history buffers."""
    if isinstance(value, dict):
        if value.get(_BUFFER_TAG):
            return HistoryBuffer(value['log_history'], value['count_history'],
                                 value['max_length'])
        return type(value)((k, from_plain(v)) for k, v in value.items())
    return value


def rng_state() -> dict:
    """The random states of Python, numpy and torch (CPU and CUDA)."""
    state = dict(
        python=random.getstate(),
        numpy=np.random.get_state(),
        torch=torch.get_rng_state())
    if torch.cuda.is_available():
        state['cuda'] = torch.cuda.get_rng_state_all()
    return state


def set_rng_state(state: dict) -> None:
    """Restore what :func:`rng_state` saved (after :func:`to_plain`)."""
    version, internal, gauss = state['python']
    random.setstate((version, tuple(internal), gauss))
    name, keys, pos, has_gauss, cached = state['numpy']
    np.random.set_state(
        (name, np.asarray(keys, dtype=np.uint32), pos, has_gauss, cached))
    torch.set_rng_state(state['torch'])
    if 'cuda' in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state['cuda'])
