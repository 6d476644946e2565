"""What a user passes to inference, turned into frames.

A photograph, a video in any container OpenCV opens (the file is tried,
never judged by its name), a folder or a glob pattern (its images in order
of file name: separate photographs, or with ``sequence=True`` the frames of
one image sequence whose faces are tracked), a camera index, a BGR array,
or a list of these. Every frame is 8-bit BGR, whatever the file held:
grayscale, 16-bit, with an alpha channel, or rotated by its EXIF
orientation.

An input that cannot be read raises, or, when the caller asks for it,
becomes a frame without an image whose ``status`` says what happened, so
that one bad file among many costs only its own rows:
:data:`UNREADABLE` (the file or frame does not decode) and
:data:`TRUNCATED` (a video ends before the frame count it declares, or a
JPEG file is cut short).
"""
import glob
import os
import os.path as osp
import warnings
from dataclasses import dataclass
from typing import Iterator, List, Optional, Sequence, Union

import cv2
import numpy as np

from .image_reading import read_image, to_bgr8

InputType = Union[str, int, np.ndarray, Sequence[Union[str, np.ndarray]]]

#: The status of a frame, as results report it: read (and faces found),
#: read but no face found, faces whose landmarks lie mostly outside the
#: image (dropped, e.g. a landmark file of another image size), no
#: decodable image, a video that ended before its declared frame count (one
#: frame past the last readable one).
OK = 'ok'
NO_FACE = 'no_face'
LANDMARKS_OUTSIDE = 'landmarks_outside_image'
UNREADABLE = 'unreadable'
TRUNCATED = 'truncated'

#: Extensions of the files a folder of frames is read from.
IMAGE_EXTENSIONS = ('.jpg', '.jpeg', '.png', '.bmp', '.tif', '.tiff',
                    '.webp', '.ppm', '.pgm')

@dataclass
class Frame:
    """One frame of an input.

    Attributes:
        image (np.ndarray, optional): BGR uint8 (H, W, 3); None unless
            ``status`` is :data:`OK`.
        input (str): The input it belongs to: a file or folder path, a
            glob pattern, ``camera:<index>`` or ``array:<position>``.
        kind (str): ``'image'`` (a photograph: faces numbered per image,
            never tracked), ``'video'``, ``'sequence'`` or ``'camera'``
            (faces tracked across frames).
        frame (int): Frame index within the input (0 for a photograph).
        time (float): Seconds from the input's start (frame / fps).
        key (str): The frame's name in landmark and box files: the image's
            file name, or ``<video file name>/<frame index>``.
        status (str): :data:`OK`, :data:`UNREADABLE` or :data:`TRUNCATED`.
        message (str): What went wrong, naming the file; empty when OK.
    """
    image: Optional[np.ndarray]
    input: str
    kind: str
    frame: int
    time: float
    key: str
    status: str = OK
    message: str = ''

    @property
    def tracked(self) -> bool:
        """Whether faces keep their ids across this input's frames."""
        return self.kind != 'image'


def iterate_frames(inputs: InputType,
                   mark_unreadable: bool = False,
                   sequence: bool = False) -> Iterator[Frame]:
    """Yield the frames of an input or a list of inputs.

    Args:
        inputs: See the module's docstring.
        mark_unreadable (bool): Instead of raising, yield a frame without
            an image whose ``status`` and ``message`` say what could not be
            read (a file, a frame of a sequence, the rest of a video), and
            go on. Paths that do not exist always raise; without it, a
            video that ends early gives a warning.
        sequence (bool): Read a folder or glob pattern as one image
            sequence (faces tracked across its frames) instead of as
            separate photographs. A folder's files that are not images are
            listed once in a warning and skipped.

    Yields:
        Frame: In order; a list's items one after the other.
    """
    if isinstance(inputs, (list, tuple)):
        for position, item in enumerate(inputs):
            if isinstance(item, np.ndarray):
                yield _array_frame(item, position)
            else:
                yield from iterate_frames(item, mark_unreadable, sequence)
        return

    if isinstance(inputs, np.ndarray):
        yield _array_frame(inputs, 0)
        return
    if isinstance(inputs, (int, np.integer)):
        yield from _video_frames(int(inputs), f'camera:{inputs}', 'camera',
                                 mark_unreadable)
        return
    path = str(inputs)
    if osp.isdir(path) or (any(c in path for c in '*?[')
                           and not osp.exists(path)):
        files = _folder_images(path) if osp.isdir(path) else _matches(path)
        if sequence:
            yield from _sequence_frames(path, files, mark_unreadable)
        else:
            for file in files:
                yield from iterate_frames(file, mark_unreadable)
    elif not osp.isfile(path):
        raise FileNotFoundError(f'{path}: no such file or folder.')
    else:
        image = read_image(path)
        if image is not None and _truncated_jpeg(path):
            yield _failed(
                Frame(None, path, 'image', 0, 0.0, osp.basename(path),
                      TRUNCATED, f'{path}: the JPEG file is truncated (its '
                      'lower part would be grey); not used.'),
                mark_unreadable)
        elif image is not None:
            yield Frame(image, path, 'image', 0, 0.0, osp.basename(path))
        else:
            yield from _video_frames(path, path, 'video', mark_unreadable)


def _truncated_jpeg(path: str) -> bool:
    """Whether a JPEG file lacks its end-of-image marker, which only a cut
    file does (0xFF is never followed by 0xD9 inside the coded data)."""
    with open(path, 'rb') as f:
        if f.read(2) != b'\xff\xd8':
            return False
        f.seek(max(0, osp.getsize(path) - 4096))
        return b'\xff\xd9' not in f.read()


def _array_frame(image: np.ndarray, position: int) -> Frame:
    name = f'array:{position}'
    return Frame(to_bgr8(image, name), name, 'image', 0, 0.0, name)


def _folder_images(folder: str) -> List[str]:
    names = sorted(os.listdir(folder))
    files = [osp.join(folder, name) for name in names
             if name.lower().endswith(IMAGE_EXTENSIONS)]
    if not files:
        raise FileNotFoundError(
            f'{folder}: a folder of images, but it holds none '
            f'({", ".join(IMAGE_EXTENSIONS)}).')
    others = [name for name in names
              if not name.lower().endswith(IMAGE_EXTENSIONS)]
    if others:
        warnings.warn(f'{folder}: skipping {len(others)} entries that are '
                      f'not images: {", ".join(others[:5])}'
                      f'{", ..." if len(others) > 5 else ""}')
    return files


def _matches(pattern: str) -> List[str]:
    files = sorted(f for f in glob.glob(pattern) if osp.isfile(f))
    if not files:
        raise FileNotFoundError(f'{pattern}: the pattern matches no file.')
    return files


def _sequence_frames(name: str, files: List[str],
                     mark_unreadable: bool) -> Iterator[Frame]:
    """An image sequence at 30 frames per second."""
    for index, path in enumerate(files):
        image = read_image(path)
        frame = Frame(image, name, 'sequence', index, index / 30.0,
                      osp.basename(path))
        if image is None:
            frame.status = UNREADABLE
            frame.message = (f'{path}: frame {index} of {name} is not a '
                             'readable image.')
            frame = _failed(frame, mark_unreadable)
        yield frame


def _video_frames(source: Union[str, int], name: str, kind: str,
                  mark_unreadable: bool) -> Iterator[Frame]:
    key_name = osp.basename(str(source))
    unreadable = Frame(
        None, name, 'image' if kind == 'video' else kind, 0, 0.0, key_name,
        UNREADABLE,
        f'{name}: cannot be opened as a camera.' if kind == 'camera' else
        f'{name}: not readable: OpenCV decodes it neither as an image '
        '(cv2.imread) nor as a video (cv2.VideoCapture).')
    capture = cv2.VideoCapture(source)
    if not capture.isOpened():
        capture.release()
        yield _failed(unreadable, mark_unreadable)
        return
    fps = capture.get(cv2.CAP_PROP_FPS)
    fps = fps if fps and 0 < fps < 1000 else 30.0
    declared = int(capture.get(cv2.CAP_PROP_FRAME_COUNT) or 0)
    index = 0
    try:
        while True:
            ok, image = capture.read()
            if not ok:
                break
            yield Frame(to_bgr8(image, f'{name}, frame {index}'), name, kind,
                        index, index / fps, f'{key_name}/{index}')
            index += 1
    finally:
        capture.release()
    if index == 0 and kind != 'camera':
        yield _failed(unreadable, mark_unreadable)
    elif kind == 'video' and index < declared - TRUNCATION_SLACK:
        message = (f'{name}: the video stops at frame {index} of the '
                   f'{declared} it declares; the rest is unreadable.')
        if not mark_unreadable:
            warnings.warn(message)
            return
        yield Frame(None, name, kind, index, index / fps,
                    f'{key_name}/{index}', TRUNCATED, message)


#: Frames a video may fall short of its declared count without being
#: called truncated (containers round their counts).
TRUNCATION_SLACK = 2


def _failed(frame: Frame, mark_unreadable: bool) -> Frame:
    """The marked frame, or its message raised."""
    if not mark_unreadable:
        raise ValueError(frame.message)
    return frame
