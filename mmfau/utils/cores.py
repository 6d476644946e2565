"""The CPU cores a process may use, and how jobs run side by side share
them."""
import os
from typing import Optional


def usable_cores() -> int:
    """The CPU cores this process may run on.

    Returns:
        int: The CPUs of its affinity (which a container or ``taskset`` may
        narrow; logical CPUs), at least 1.
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def threads_per_job(jobs: int) -> Optional[int]:
    """Threads each of ``jobs`` processes run at the same time should use,
    so that together they use the cores once.

    Each PyTorch process otherwise starts a thread per core, and jobs side
    by side oversubscribe the cores (measured in docs/en/results.md).

    Args:
        jobs (int): Processes that will run at the same time.

    Returns:
        int | None: The cores shared among the jobs, at least 1; None when
        one job runs alone, or when ``OMP_NUM_THREADS`` is set to a value
        (the user's choice, which the jobs inherit).
    """
    if jobs <= 1 or os.environ.get('OMP_NUM_THREADS', '').strip():
        return None
    return max(1, usable_cores() // jobs)
