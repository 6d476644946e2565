"""Timing steps side by side, the one way mmfau's measurements do."""
import os
import platform
import statistics
import time
from collections import defaultdict
from contextlib import contextmanager
from typing import Callable, Dict, Iterator, List, Optional, Sequence

import torch


def median_seconds(steps: Sequence[Callable[[], object]],
                   iters: int,
                   warmup: int = 0,
                   sync: Optional[Callable[[], object]] = None
                   ) -> List[float]:
    """Median wall time of each step over ``iters`` calls after ``warmup``
    untimed ones. The steps take turns, so a drift in the machine's load
    affects them alike and their ratios hold on a noisy machine.

    Args:
        steps (Sequence[Callable]): Called with no arguments.
        iters (int): Timed calls of each step.
        warmup (int): Untimed calls of each step first.
        sync (Callable, optional): Waits for queued work, called before each
            clock reading (e.g. ``torch.cuda.synchronize``).

    Returns:
        list[float]: Seconds per call of each step, in order.
    """
    wait = sync or (lambda: None)
    for _ in range(warmup):
        for step in steps:
            step()
    wait()
    times: List[List[float]] = [[] for _ in steps]
    for _ in range(iters):
        for step, record in zip(steps, times):
            start = time.perf_counter()
            step()
            wait()
            record.append(time.perf_counter() - start)
    return [statistics.median(record) for record in times]


def describe_device(device: Optional[str] = None) -> str:
    """What a measurement ran on, for its report: the GPU's name, or the
    CPU with its cores and the threads torch uses.

    Args:
        device (str, optional): ``'cuda'``, ``'cuda:1'``, ``'cpu'``...;
            default: CUDA when present.
    """
    device = device or ('cuda' if torch.cuda.is_available() else 'cpu')
    if device.startswith('cuda'):
        return torch.cuda.get_device_name(device)
    return (f'CPU ({platform.processor() or platform.machine()}, '
            f'{os.cpu_count()} cores, {torch.get_num_threads()} threads)')


class StageClock:
    """Seconds spent in each stage of a pipeline, summed over its calls
    (each stage timed in one thread; stages in different threads overlap,
    so their sum may exceed the wall time).

    Example:
        >>> clock = StageClock()
        >>> with clock('network'):
        ...     run_network()
        >>> clock.seconds['network']
    """

    def __init__(self) -> None:
        self.seconds: Dict[str, float] = defaultdict(float)

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] += time.perf_counter() - start
