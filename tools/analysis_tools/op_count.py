"""Counting the operations a piece of PyTorch code dispatches."""
from collections import Counter
from typing import Any, Callable

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
        self.views: set = set()

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        name = str(func.overloadpacket.__name__)
        self.counts[name] += 1
        if is_view(func):
            self.views.add(name)
        return func(*args, **(kwargs or {}))

    @property
    def total(self) -> int:
        """All operations counted so far."""
        return sum(self.counts.values())

    @property
    def computing(self) -> int:
        """The operations counted so far that are not views (see
        :func:`is_view`): those that launch a kernel on a GPU."""
        return self.total - sum(self.counts[name] for name in self.views)


def is_view(func) -> bool:
    """Whether an ATen operation only makes a new view of its input's
    memory (``view``, ``t``, ``detach``, ``permute``...), which launches no
    kernel on any device. ``_unsafe_view`` (reshape's view of a fresh copy)
    is one too, though its schema does not say so."""
    return func.is_view or func.overloadpacket.__name__ == '_unsafe_view'


def count_ops(fn: Callable[[], Any]) -> OpCounter:
    """Run ``fn`` once and count the ATen operations it dispatches.

    Args:
        fn (Callable): Called with no arguments, e.g. one training step.

    Returns:
        OpCounter: Its ``total``, ``computing`` (views excluded) and
        ``counts`` (per operation name).
    """
    with OpCounter() as counter:
        fn()
    return counter
