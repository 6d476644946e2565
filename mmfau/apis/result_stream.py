"""What a command-line run of inference writes and reports as it goes."""
import sys
from typing import List, Sequence

from mmfau.faces.inputs import TRUNCATED, UNREADABLE
from mmfau.structures import FrameResult
from mmfau.utils import StopRequest

from .results import FrameCSVWriter

#: Exit status of a run that finished but could not read some input.
EXIT_SKIPPED = 3
#: Exit status of a run stopped by Ctrl-C or SIGTERM (as a shell reports a
#: process ended by SIGINT).
EXIT_INTERRUPTED = 130


class ResultStream:
    """Write each frame's CSV rows as it comes, warn once about every input
    or frame that could not be read, and say how the run ended.

    Used as a context manager around the loop over frames, which checks
    :attr:`stop_requested` after each frame: Ctrl-C or SIGTERM inside it
    ends the loop after the frame in progress (a second one at once), and
    the CSV is closed on the way out, whatever happened.

    Args:
        csv_path (str): The per-frame, per-face CSV (see
            :class:`FrameCSVWriter`).
        au_names (Sequence[str]): AU names in the order of the scores.
        intensity (bool): Whether results carry intensities.
    """

    def __init__(self, csv_path: str, au_names: Sequence[str],
                 intensity: bool) -> None:
        self.writer = FrameCSVWriter(csv_path, au_names, intensity)
        self.frames: List[FrameResult] = []
        self.skipped: List[FrameResult] = []
        self.interrupted = False
        self._stop = StopRequest()

    def add(self, frame: FrameResult) -> None:
        """Keep a frame (without its image) and write its rows."""
        self.frames.append(frame)
        self.writer.write_frame(frame)
        if frame.status in (UNREADABLE, TRUNCATED):
            self.skipped.append(frame)
            print(f'warning: {frame.message}', file=sys.stderr,
                  flush=True)

    @property
    def stop_requested(self) -> bool:
        """Whether Ctrl-C or SIGTERM asked the run to stop."""
        return self._stop.requested

    def __enter__(self) -> 'ResultStream':
        self._stop = StopRequest().__enter__()
        return self

    def __exit__(self, kind, error, traceback) -> bool:
        self._stop.__exit__(kind, error, traceback)
        forced = kind is not None and issubclass(kind, KeyboardInterrupt)
        self.interrupted = forced or self._stop.requested
        self.close()
        return forced

    def close(self) -> None:
        """Close the CSV file; report where an interrupted run stopped."""
        self.writer.close()
        if self.interrupted:
            last = self.frames[-1] if self.frames else None
            where = (f'after frame {last.frame} of {last.input}'
                     if last else 'before the first frame')
            print(f'interrupted {where}; {self.writer.rows} rows of '
                  f'{len(self.frames)} frames are in {self.writer.path}',
                  file=sys.stderr, flush=True)

    def exit_code(self) -> int:
        """0, :data:`EXIT_SKIPPED` or :data:`EXIT_INTERRUPTED`."""
        if self.interrupted:
            return EXIT_INTERRUPTED
        if self.skipped:
            print(f'warning: {len(self.skipped)} input(s) or frame(s) could '
                  'not be read (status unreadable or truncated in the CSV)',
                  file=sys.stderr)
            return EXIT_SKIPPED
        return 0
