"""What a command-line run of inference writes and reports as it goes."""
import signal
import sys
from collections import Counter
from typing import Callable, Iterator, List, Optional, Sequence

from mmfau.faces.inputs import NO_LANDMARKS, SKIPPED
from mmfau.structures import FrameResult
from mmfau.utils import StopRequest
from mmfau.utils.interruption import STOP_SIGNALS

from .results import FrameCSVWriter

#: Exit status of a run that finished but could not read or look at some
#: input or frame (a status of :data:`mmfau.faces.SKIPPED`).
EXIT_SKIPPED = 3


class ResultStream:
    """Write each frame's CSV rows as it comes, warn once about every input
    or frame that could not be read (frames without landmarks in a
    landmark file: once per input, with their count), and say how the run
    ended.

    The rows go to a file beside the CSV that :meth:`close` moves into
    place (:class:`FrameCSVWriter`): call it however the run ends, or let
    :meth:`consume` do so.

    Args:
        csv_path (str): The per-frame, per-face CSV (see
            :class:`FrameCSVWriter`).
        au_names (Sequence[str]): AU names in the order of the scores.
        intensity (bool): Whether results carry intensities.
        calibrated (bool): Whether results may carry calibrated values.
    """

    def __init__(self, csv_path: str, au_names: Sequence[str],
                 intensity: bool, calibrated: bool = False) -> None:
        self.writer = FrameCSVWriter(csv_path, au_names, intensity,
                                     calibrated)
        self.frames: List[FrameResult] = []
        self.skipped = 0  # frames (or inputs) not read or looked at
        self._without_landmarks: Counter = Counter()

    def add(self, frame: FrameResult) -> None:
        """Keep a frame (without its image) and write its rows; a stop
        signal waits until they are written, so no row is ever cut."""
        self.frames.append(frame)
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            self.writer.write_frame(frame)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        if frame.status not in SKIPPED:
            return
        self.skipped += 1
        if frame.status == NO_LANDMARKS:
            self._without_landmarks[frame.input] += 1
        else:
            print(f'warning: {frame.message}', file=sys.stderr, flush=True)

    def consume(self, frames: Iterator[FrameResult], stop: StopRequest,
                each: Optional[Callable[[FrameResult], object]] = None
                ) -> None:
        """Add every frame until the frames end or the run is stopped: a
        stop request ends them once the frames already scored are added (a
        second Ctrl-C, at once); however they end, the frames and the CSV
        are closed.

        Args:
            frames (Iterator[FrameResult]): From
                :meth:`FaceAUInferencer.iterate` with ``stop`` asked.
            stop (StopRequest): The run's.
            each (Callable, optional): Called with each frame once its
                rows are written (e.g. to draw it).
        """
        try:
            for frame in frames:
                self.add(frame)
                if each is not None:
                    each(frame)
        except KeyboardInterrupt:
            pass
        finally:
            stop.finish()
            frames.close()
            self.close(stop)

    def close(self, stop: Optional[StopRequest] = None) -> None:
        """Move the CSV into place and report what was skipped and, when
        ``stop`` was requested, where the run stopped."""
        self.writer.close()
        for source, count in self._without_landmarks.items():
            print(f'warning: {source}: {count} frame(s) have no landmarks '
                  'in the landmark file (status no_landmarks)',
                  file=sys.stderr)
        if stop is not None and stop.requested:
            last = self.frames[-1] if self.frames else None
            where = (f'after frame {last.frame} of {last.input}'
                     if last else 'before the first frame')
            print(f'interrupted {where}; {self.writer.rows} rows of '
                  f'{len(self.frames)} frames are in {self.writer.path}',
                  file=sys.stderr, flush=True)

    def exit_code(self, stop: Optional[StopRequest] = None) -> int:
        """0, :data:`EXIT_SKIPPED`, or the signal's status when ``stop`` was
        requested (130 for Ctrl-C, 143 for SIGTERM)."""
        if stop is not None and stop.requested:
            return stop.exit_code
        if self.skipped:
            print(f'warning: {self.skipped} input(s) or frame(s) were '
                  'not read or looked at (see their status in the CSV)',
                  file=sys.stderr)
            return EXIT_SKIPPED
        return 0
