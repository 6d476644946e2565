"""Counting the operations a piece of PyTorch code dispatches."""
from collections import Counter
from typing import Any, Callable, Tuple

from torch.utils._python_dispatch import TorchDispatchMode


class OpCounter(TorchDispatchMode):
    """Count every ATen operation dispatched while active, views included.

    On a GPU nearly every one is a kernel launch when nothing fuses them,
    so the count is a device-independent measure of launch overhead.

    Example:
        >>> with OpCounter() as counter:
        ...     loss = model(inputs).sum()
        ...     loss.backward()
        >>> counter.total, counter.counts.most_common(5)
    """

    def __init__(self) -> None:
        super().__init__()
        self.counts: Counter = Counter()

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        self.counts[str(func.overloadpacket.__name__)] += 1
        return func(*args, **(kwargs or {}))

    @property
    def total(self) -> int:
        """All operations counted so far."""
        return sum(self.counts.values())


def count_ops(fn: Callable[[], Any]) -> Tuple[int, Counter]:
    """Run ``fn`` once and count the ATen operations it dispatches.

    Args:
        fn (Callable): Called with no arguments, e.g. one training step.

    Returns:
        tuple[int, Counter]: The total and the count per operation name.
    """
    with OpCounter() as counter:
        fn()
    return counter.total, counter.counts
