"""Checking where a run will write before it starts working."""
import os
import os.path as osp


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
