"""Ending a long run cleanly on Ctrl-C or a termination signal."""
import signal
import sys
import threading
from contextlib import contextmanager
from typing import Callable, ContextManager, Iterator, Optional

#: The signals that ask a run to stop.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def signal_exit_code(signum: int) -> int:
    """What a shell reports for a process a signal ended: 128 + the signal
    (130 for Ctrl-C, 143 for SIGTERM).

    Args:
        signum (int): The signal.

    Returns:
        int
    """
    return 128 + signum


@contextmanager
def handling_stop_signals(handler: Callable) -> Iterator[None]:
    """Within the block, ``handler(signum, frame)`` handles the
    :data:`STOP_SIGNALS`; the previous handlers are put back afterwards.
    Outside the main thread (where Python delivers signals) nothing
    changes.

    Args:
        handler (Callable): A signal handler, as :func:`signal.signal`
            takes.
    """
    previous = {}
    if threading.current_thread() is threading.main_thread():
        previous = {signum: signal.signal(signum, handler)
                    for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


class StopRequest:
    """Within the block, Ctrl-C (SIGINT) or SIGTERM asks the run to stop
    instead of breaking off whatever line is running: the first sets
    :attr:`requested`, which the run checks between two units of work (a
    frame, a batch), so what it writes is never cut in the middle; a second
    one raises :class:`KeyboardInterrupt` at once, for a run that must stop
    now (the run's ``finally`` blocks still close and write its files); any
    later one, and any after :meth:`finish`, is ignored while the run
    writes what was asked for. The previous handlers are put back
    afterwards; outside the main thread nothing changes.

    Attributes:
        requested (bool): A stop was asked for.
        signum (int, optional): The first signal received.
    """

    def __init__(self) -> None:
        self.requested = False
        self.signum: Optional[int] = None
        self._forced = False
        self._handling: Optional[ContextManager] = None

    @property
    def exit_code(self) -> int:
        """What a shell reports for a process ended by the signal: 130 for
        Ctrl-C, 143 for SIGTERM."""
        return signal_exit_code(self.signum or signal.SIGINT)

    def finish(self) -> None:
        """The work is done: from now on a signal only asks to stop (it is
        reported in the exit status) while the run writes its outputs."""
        self._forced = True

    def _handle(self, signum, frame) -> None:
        if not self.requested:
            self.requested, self.signum = True, signum
            print(f'{signal.Signals(signum).name}: stopping after the work '
                  'in progress' + ('' if self._forced else
                                   ' (again to stop at once)'),
                  file=sys.stderr, flush=True)
        elif not self._forced:
            self._forced = True
            raise KeyboardInterrupt(signal.Signals(signum).name)

    def __enter__(self) -> 'StopRequest':
        self._handling = handling_stop_signals(self._handle)
        self._handling.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self._handling.__exit__(*exc)
