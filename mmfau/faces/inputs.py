"""What a user passes to inference, turned into frames.

A photograph, an animated image (GIF, WebP, PNG: its frames as a video), a
video in any container OpenCV opens (the file is tried, never judged by
its name), a folder or a glob pattern (its images in order of file name:
separate photographs, or with ``sequence=True`` the frames of one image
sequence whose faces are tracked), a camera index, a BGR array, or a list
of these. Every path is checked before the first frame is read
(:func:`~mmfau.faces.input_paths.expand_inputs`). Every frame is 8-bit
BGR, whatever the file held: grayscale, 16-bit, with an alpha channel, or
rotated by its EXIF orientation.

An input that cannot be read raises, or, when the caller asks for it,
becomes a frame without an image whose ``status`` says what happened, so
that one bad input among many costs only its own rows:
:data:`MISSING` (no such path), :data:`LINK_LOOP` (a symbolic link loop),
:data:`UNREADABLE` (the file or frame does not decode), :data:`EMPTY` (a
video that opens but holds no frame) and :data:`TRUNCATED` (a video ends
before the frame count it declares, or a JPEG file is cut short).
"""
import os.path as osp
import warnings
from dataclasses import dataclass
from typing import Iterator, List, Optional, Union

import cv2
import numpy as np

from .image_reading import animation_frames, read_image, to_bgr8
from .input_paths import (
    LINK_LOOP,
    MISSING,
    InputType,
    Source,
    expand_inputs,
    path_problem,
)

#: The status of a frame, as results report it: read (and faces found),
#: read but no face found, faces whose landmarks lie mostly outside the
#: image (dropped, e.g. a landmark file of another image size), no
#: landmarks for the frame in a landmark file, no decodable image, a video
#: that opens with no frame, a video that ended before its declared frame
#: count (one frame past the last readable one).
OK = 'ok'
NO_FACE = 'no_face'
LANDMARKS_OUTSIDE = 'landmarks_outside_image'
NO_LANDMARKS = 'no_landmarks'
UNREADABLE = 'unreadable'
EMPTY = 'empty'
TRUNCATED = 'truncated'

#: The statuses of a frame or input that was not (wholly) read or
#: looked at: a run that meets one says so and exits with its own status.
SKIPPED = (MISSING, LINK_LOOP, UNREADABLE, EMPTY, TRUNCATED, NO_LANDMARKS)

#: Frames a video may fall short of its declared count without being
#: called truncated (containers round their counts).
TRUNCATION_SLACK = 2


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
        time (float): Seconds from the input's start.
        key (str): The frame's name in landmark and box files: the image's
            file name, or ``<video file name>/<frame index>``.
        status (str): :data:`OK` or one of :data:`SKIPPED`.
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
            read (a path, a file, a frame of a sequence, the rest of a
            video), and go on. Without it, a video that ends early gives a
            warning.
        sequence (bool): Read a folder or glob pattern as one image
            sequence (faces tracked across its frames) instead of as
            separate photographs. A folder's files that are not images are
            listed once in a warning and skipped.

    Yields:
        Frame: In order; a list's items one after the other.
    """
    for source in expand_inputs(inputs, sequence):
        if source.kind == 'problem':
            yield _failed(_problem_frame(source), mark_unreadable)
        elif source.kind == 'array':
            yield Frame(to_bgr8(source.array, source.name), source.name,
                        'image', 0, 0.0, source.name)
        elif source.kind == 'camera':
            yield from _video_frames(source.camera, source.name, 'camera',
                                     mark_unreadable)
        elif source.kind == 'sequence':
            yield from _sequence_frames(source.name, source.files,
                                        mark_unreadable)
        else:
            yield from _file_frames(source.name, mark_unreadable)


def _problem_frame(source: Source, index: int = 0,
                   key: Optional[str] = None) -> Frame:
    return Frame(None, source.name, 'image', index, 0.0,
                 key or osp.basename(source.name), source.status,
                 source.message)


def _file_frames(path: str, mark_unreadable: bool) -> Iterator[Frame]:
    """A photograph, an animation's frames or a video's frames."""
    animation = animation_frames(path)
    if animation is not None:
        name = osp.basename(path)
        for index, (image, time) in enumerate(animation):
            yield Frame(image, path, 'video', index, time, f'{name}/{index}')
        return
    image = read_image(path)
    if image is not None and _truncated_jpeg(path):
        yield _failed(
            Frame(None, path, 'image', 0, 0.0, osp.basename(path),
                  TRUNCATED, f'{path}: the JPEG file is truncated (its '
                  'lower part would be grey); not used.'), mark_unreadable)
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


def _sequence_frames(name: str, files: List[str],
                     mark_unreadable: bool) -> Iterator[Frame]:
    """An image sequence at 30 frames per second."""
    for index, path in enumerate(files):
        key = osp.basename(path)
        problem = path_problem(path)
        if problem is not None:
            problem.name = name
            yield _failed(_problem_frame(problem, index, key),
                          mark_unreadable)
            continue
        image = read_image(path)
        frame = Frame(image, name, 'sequence', index, index / 30.0, key)
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
        UNREADABLE, f'{name}: cannot be opened as a camera.'
        if kind == 'camera' else f'{name}: not readable: OpenCV decodes it '
        'neither as an image (cv2.imread) nor as a video '
        '(cv2.VideoCapture).')
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
    if index == 0 and (declared or kind == 'camera'):
        yield _failed(unreadable, mark_unreadable)
    elif index == 0:
        yield _failed(
            Frame(None, name, kind, 0, 0.0, f'{key_name}/0', EMPTY,
                  f'{name}: a video with no frame; nothing read.'),
            mark_unreadable)
    elif kind == 'video' and index < declared - TRUNCATION_SLACK:
        message = (f'{name}: the video stops at frame {index} of the '
                   f'{declared} it declares; the rest is unreadable.')
        if not mark_unreadable:
            warnings.warn(message)
            return
        yield Frame(None, name, kind, index, index / fps,
                    f'{key_name}/{index}', TRUNCATED, message)


def _failed(frame: Frame, mark_unreadable: bool) -> Frame:
    """The marked frame, or its message raised."""
    if not mark_unreadable:
        if frame.status in (MISSING, LINK_LOOP):
            raise FileNotFoundError(frame.message)
        raise ValueError(frame.message)
    return frame
