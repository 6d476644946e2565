"""Ending a long run cleanly on Ctrl-C or a termination signal."""
import signal
import threading

#: The signals that ask a run to stop.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class StopRequest:
    """Within the block, Ctrl-C (SIGINT) or SIGTERM asks the run to stop
    instead of breaking off whatever line is running: the first sets
    :attr:`requested`, which the run checks between two units of work (a
    frame), so what it writes is never cut in the middle; a second signal
    raises :class:`KeyboardInterrupt`, for a run that hangs. The previous
    handlers are put back afterwards; outside the main thread nothing
    changes.
    """

    def __init__(self) -> None:
        self.requested = False
        self._previous = {}

    def _handle(self, signum, frame) -> None:
        if self.requested:
            raise KeyboardInterrupt(signal.Signals(signum).name)
        self.requested = True

    def __enter__(self) -> 'StopRequest':
        if threading.current_thread() is threading.main_thread():
            self._previous = {
                signum: signal.signal(signum, self._handle)
                for signum in STOP_SIGNALS
            }
        return self

    def __exit__(self, *exc) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous = {}
