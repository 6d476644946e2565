"""Writing a run's outputs without ever destroying what is already there.

Every output is checked before any work (it can be written, it is not one
of the run's inputs, no other run is writing it), written beside its final
name and moved into place in one step when it is done, so that a file a
user had is replaced by a whole new one or left as it was, never cut.
"""
import errno
import fcntl
import os
import os.path as osp
from contextlib import contextmanager
from typing import Callable, Dict, Iterable, Iterator, List, Optional


def check_output_file(path: str, what: str = 'output') -> None:
    """Make sure ``path`` can be written, before any work is done: its
    folder is made if missing, and a probe file is created there and
    removed (an existing file is opened for appending, not changed).

    Args:
        path (str): The file to write.
        what (str): What the file is, for the message (e.g. ``'--out-csv'``).

    Raises:
        IsADirectoryError: ``path`` is a folder.
        NotADirectoryError: Part of its folder path is a file.
        PermissionError: The folder or file cannot be written.
    """
    path = osp.abspath(path)
    if osp.isdir(path):
        raise IsADirectoryError(f'{path} ({what}): is a folder; give a '
                                'file name.')
    folder = osp.dirname(path)
    ancestor = folder
    while not osp.exists(ancestor):
        ancestor = osp.dirname(ancestor)
    if not osp.isdir(ancestor):
        raise NotADirectoryError(f'{path} ({what}): {ancestor} is a file, '
                                 'not a folder.')
    try:
        os.makedirs(folder, exist_ok=True)
        existed = osp.exists(path)
        with open(path, 'a'):
            pass
        if not existed:
            os.remove(path)
    except OSError as err:
        raise PermissionError(f'{path} ({what}): cannot be written '
                              f'({err.strerror or err}).') from err


def partial_path(path: str) -> str:
    """Where ``path`` is written before it is moved into place: a hidden
    file beside it with the same extension (writers that choose a format by
    the extension still see it), e.g. ``out/.aus.partial.csv``."""
    folder, name = osp.split(osp.abspath(path))
    stem, ext = osp.splitext(name)
    return osp.join(folder, f'.{stem}.partial{ext}')


def replace_with(path: str, write: Callable[[str], object]) -> None:
    """Write a file beside ``path`` with ``write(partial)``, then move it
    into place in one step: ``path`` is the old file or the whole new one,
    whatever happens. A write that fails leaves ``path`` as it was.

    Args:
        path (str): The final file.
        write (Callable[[str], object]): Writes the file at the path it is
            given.
    """
    partial = partial_path(path)
    try:
        write(partial)
    except BaseException:
        if osp.exists(partial):
            os.remove(partial)
        raise
    os.replace(partial, path)


class InputFiles:
    """A run's input files, each looked up once, to tell whether a path is
    one of them (the same file, also through links; a path that does not
    exist yet by its real path).

    Args:
        paths (Iterable[str]): Every file the run reads (None or empty
            entries are ignored).
    """

    def __init__(self, paths: Iterable[Optional[str]]) -> None:
        self._existing: Dict[tuple, str] = {}
        self._missing: Dict[str, str] = {}
        for path in paths:
            if not path:
                continue
            try:
                stat = os.stat(path)
            except OSError:
                self._missing.setdefault(osp.realpath(path), path)
            else:
                self._existing.setdefault((stat.st_dev, stat.st_ino), path)

    def find(self, path: str) -> Optional[str]:
        """The input that ``path`` is, or None.

        Args:
            path (str): A path the run would write.

        Returns:
            str | None: The input as it was given.
        """
        try:
            stat = os.stat(path)
        except OSError:
            return self._missing.get(osp.realpath(path))
        return self._existing.get((stat.st_dev, stat.st_ino))


class _Lock:
    """An exclusive lock on writing one output, held by this process: a
    ``flock`` on a hidden file beside it that names the process (the
    system drops the lock when the process ends, however it ends)."""

    def __init__(self, path: str, what: str) -> None:
        folder, name = osp.split(osp.abspath(path))
        self.path = osp.join(folder, f'.{name}.lock')
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            if err.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            holder = os.read(self._fd, 64).decode(errors='replace').strip()
            os.close(self._fd)
            raise PermissionError(
                f'{osp.abspath(path)} ({what}): another run (process '
                f'{holder or "unknown"}) is writing it; wait for it to end '
                'or choose another file.') from None
        os.ftruncate(self._fd, 0)
        os.write(self._fd, str(os.getpid()).encode())

    def release(self) -> None:
        os.remove(self.path)
        os.close(self._fd)


@contextmanager
def claim_outputs(outputs: Dict[str, Optional[str]],
                  inputs: Iterable[str]) -> Iterator[List[str]]:
    """Check a run's output files before any work and hold them for the
    run: each can be written (:func:`check_output_file`), none is one of
    the run's inputs (the same file, also through links), no two are the
    same file, and no other run is writing one (the second run is refused
    in one line naming the first's process).

    Args:
        outputs (dict): Option name (e.g. ``'--out-csv'``) -> path, None
            where the option is not given.
        inputs (Iterable[str]): Every file the run reads.

    Yields:
        list[str]: The claimed paths, absolute.
    """
    claimed = {what: osp.abspath(path) for what, path in outputs.items()
               if path}
    input_files = InputFiles(inputs)
    for what, path in claimed.items():
        source = input_files.find(path)
        if source is not None:
            raise ValueError(
                f'{path} ({what}) is one of the inputs ({source}); '
                'writing it would destroy it: choose another file.')
        check_output_file(path, what)
    seen: Dict[str, str] = {}
    for what, path in claimed.items():
        twin = InputFiles(seen).find(path)
        if twin is not None:
            raise ValueError(f'{path}: named by both {seen[twin]} and '
                             f'{what}; give each output its own file.')
        seen[path] = what
    locks: List[_Lock] = []
    try:
        for what, path in claimed.items():
            locks.append(_Lock(path, what))
        yield list(claimed.values())
    finally:
        for lock in locks:
            lock.release()
