"""How far a collection's run has come, on the terminal or in a log."""
from typing import List

from .collection import InputRecord, declared_frames

#: How a run shows its progress: a bar, a line per input, or nothing.
MODES = ('bar', 'lines', 'silent')


class CollectionProgress:
    """One bar over a process's inputs (frames done of those the inputs
    declare, frames per second, time left, inputs done), one line per
    input (for batch systems, whose logs a bar would fill), or nothing.

    Args:
        paths (list[str]): The inputs to do (their declared frames make the
            bar's total).
        mode (str): One of :data:`MODES`.
    """

    def __init__(self, paths: List[str], mode: str) -> None:
        if mode not in MODES:
            raise ValueError(f'Progress mode must be one of {MODES}, got '
                             f'{mode!r}.')
        self.total, self.done, self.mode = len(paths), 0, mode
        self.bar = None
        if mode == 'bar':
            from tqdm import tqdm
            self.bar = tqdm(total=sum(declared_frames(p) for p in paths),
                            unit='frame', dynamic_ncols=True, smoothing=0.1)
            self.bar.set_postfix_str(f'inputs 0/{self.total}')

    def frame(self) -> None:
        """A frame is done."""
        if self.bar is not None:
            self.bar.update()

    def input(self, record: InputRecord) -> None:
        """An input is done.

        Args:
            record (InputRecord): What became of it.
        """
        self.done += 1
        if self.bar is not None:
            self.bar.set_postfix_str(f'inputs {self.done}/{self.total}')
        elif self.mode == 'lines':
            print(f'[{self.done}/{self.total}] {record.input}: '
                  f'{record.status}, {record.frames_read} frames, '
                  f'{record.faces} faces, {record.seconds:.1f} s',
                  flush=True)

    def close(self) -> None:
        """End the bar."""
        if self.bar is not None:
            self.bar.close()
