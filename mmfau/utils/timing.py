"""Timing steps side by side, the one way mmfau's measurements do."""
import statistics
import time
from typing import Callable, List, Optional, Sequence


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
