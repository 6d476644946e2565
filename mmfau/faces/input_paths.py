"""What a user names as input, turned into the files to read, each checked
before the first frame is read: a path that does not exist, a symbolic
link loop or a folder without images is found up front and reported as
its own input, never as an end to the others."""
import errno
import glob
import os
import os.path as osp
import warnings
from dataclasses import dataclass, field
from typing import List, Optional, Sequence, Union

import numpy as np

#: Statuses of an input that cannot be read at all.
MISSING = 'missing'
LINK_LOOP = 'link_loop'

#: Extensions of the files a folder of frames is read from.
IMAGE_EXTENSIONS = ('.jpg', '.jpeg', '.png', '.bmp', '.tif', '.tiff',
                    '.webp', '.ppm', '.pgm', '.gif')

InputType = Union[str, int, np.ndarray, Sequence[Union[str, np.ndarray]]]


@dataclass
class Source:
    """One input to read, after expansion.

    Attributes:
        name (str): How results name it: a file or folder path, a glob
            pattern, ``camera:<index>`` or ``array:<position>``.
        kind (str): ``'file'`` (a photograph, an animation or a video,
            told apart when read), ``'sequence'`` (``files`` as the frames
            of one sequence), ``'camera'``, ``'array'`` or ``'problem'``.
        files (list[str]): A sequence's image files, in order.
        camera (int, optional): The camera index.
        array (np.ndarray, optional): The image of an array input.
        status (str): For a problem: :data:`MISSING` or :data:`LINK_LOOP`.
        message (str): For a problem: what is wrong, naming the path.
    """
    name: str
    kind: str
    files: List[str] = field(default_factory=list)
    camera: Optional[int] = None
    array: Optional[np.ndarray] = None
    status: str = ''
    message: str = ''


def path_problem(path: str) -> Optional[Source]:
    """A :class:`Source` saying why ``path`` cannot be read, or None when
    it is a file or folder: it does not exist (or is a link to nothing),
    or it is a symbolic link loop."""
    try:
        os.stat(path)
        return None
    except OSError as err:
        if err.errno == errno.ELOOP:
            return Source(path, 'problem', status=LINK_LOOP,
                          message=f'{path}: a symbolic link loop (the link '
                          'leads back to itself); not read.')
        what = 'a link to nothing' if osp.islink(path) else \
            'no such file or folder'
        return Source(path, 'problem', status=MISSING,
                      message=f'{path}: {what}; not read.')


def expand_inputs(inputs: InputType, sequence: bool = False) -> List[Source]:
    """Every input to read, in order, each path checked.

    Args:
        inputs: A photograph, a video, an animated image, a folder or a
            glob pattern, a camera index, a BGR array, or a list of these.
        sequence (bool): A folder or glob pattern is one image sequence
            instead of separate photographs.

    Returns:
        list[Source]: Files, sequences, cameras and arrays to read, and the
        problems found (a missing path, a link loop, a folder or pattern
        without images), each where its input stood.
    """
    if isinstance(inputs, np.ndarray):
        return [Source('array:0', 'array', array=inputs)]
    if isinstance(inputs, (int, np.integer)):
        return [Source(f'camera:{inputs}', 'camera', camera=int(inputs))]
    if not isinstance(inputs, (list, tuple)):
        inputs = [inputs]
    sources = []
    for position, item in enumerate(inputs):
        if isinstance(item, np.ndarray):
            sources.append(Source(f'array:{position}', 'array', array=item))
        elif isinstance(item, (int, np.integer)):
            sources += expand_inputs(int(item))
        else:
            sources += _expand_path(str(item), sequence)
    return sources


def _expand_path(path: str, sequence: bool) -> List[Source]:
    pattern = is_pattern(path)
    if not pattern:
        problem = path_problem(path)
        if problem is not None:
            return [problem]
        if not osp.isdir(path):
            return [Source(path, 'file')]
    files = pattern_files(path) if pattern else _folder_files(path)
    if not files:
        what = 'the pattern matches no file' if pattern else \
            f'a folder of images, but it holds none ' \
            f'({", ".join(IMAGE_EXTENSIONS)})'
        return [Source(path, 'problem', status=MISSING,
                       message=f'{path}: {what}; not read.')]
    if sequence:
        return [Source(path, 'sequence', files=files)]
    return [path_problem(file) or Source(file, 'file') for file in files]


def _folder_files(folder: str) -> List[str]:
    """A folder's image files (by name) in order; others are listed once in
    a warning."""
    names = sorted(os.listdir(folder))
    files = [osp.join(folder, name) for name in names
             if name.lower().endswith(IMAGE_EXTENSIONS)]
    others = [name for name in names
              if not name.lower().endswith(IMAGE_EXTENSIONS)]
    if others and files:
        warnings.warn(f'{folder}: skipping {len(others)} entries that are '
                      f'not images: {", ".join(others[:5])}'
                      f'{", ..." if len(others) > 5 else ""}')
    return files


def is_pattern(path: str) -> bool:
    """Whether ``path`` is a glob pattern (it has ``*``, ``?`` or ``[``
    and names no existing entry).

    Args:
        path (str): A path as the user gave it.

    Returns:
        bool
    """
    return any(c in path for c in '*?[') and not osp.lexists(path)


def pattern_files(pattern: str, recursive: bool = False) -> List[str]:
    """The entries a glob pattern matches that are not folders (links that
    lead nowhere included, to be reported), in order.

    Args:
        pattern (str): A glob pattern.
        recursive (bool): Whether ``**`` matches folders at any depth.

    Returns:
        list[str]
    """
    return sorted(f for f in glob.glob(pattern, recursive=recursive)
                  if not osp.isdir(f))
