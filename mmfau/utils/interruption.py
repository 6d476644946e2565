"""Ending a long run cleanly on Ctrl-C or a termination signal."""
import contextlib
import signal
import threading
from typing import Iterator


@contextlib.contextmanager
def interrupt_on_terminate() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`KeyboardInterrupt` as
    Ctrl-C (SIGINT) does, so one ``except KeyboardInterrupt`` can close
    files and report what was done for both. The previous handler is put
    back afterwards; outside the main thread nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        raise KeyboardInterrupt(signal.Signals(signum).name)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
