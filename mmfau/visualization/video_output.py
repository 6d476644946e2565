"""Writing annotated frames as a video file, checked before any work."""
import os
import os.path as osp
from typing import Optional, Tuple

import cv2
import numpy as np

#: Container extension -> the OpenCV codec mmfau writes it with.
VIDEO_CODECS = {'.mp4': 'mp4v', '.avi': 'MJPG'}


def open_video_writer(path: str,
                      size: Tuple[int, int],
                      fps: float,
                      what: str = '--out-video',
                      named: Optional[str] = None) -> cv2.VideoWriter:
    """An OpenCV video writer for frames of ``size``, or one line saying why
    there can be none.

    Args:
        path (str): The file to write (.mp4 or .avi).
        size (tuple[int, int]): (width, height) of the frames.
        fps (float): Frames per second.
        what (str): The option that names the file, for the message.
        named (str, optional): The path the user named, for the message,
            when ``path`` is a file beside it.

    Returns:
        cv2.VideoWriter: Opened.
    """
    named = named or path
    ext = osp.splitext(path)[1].lower()
    if ext not in VIDEO_CODECS:
        raise ValueError(f'{named} ({what}): {ext or "no extension"} is not '
                         f'a video format mmfau writes; use '
                         f'{" or ".join(VIDEO_CODECS)}.')
    codec = VIDEO_CODECS[ext]
    level = cv2.utils.logging.getLogLevel()
    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_SILENT)
    try:
        writer = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*codec), fps,
                                 tuple(size))
    finally:
        cv2.utils.logging.setLogLevel(level)
    if not writer.isOpened():
        writer.release()
        raise ValueError(f'{named} ({what}): OpenCV\'s {codec} encoder '
                         f'cannot write {size[0]}x{size[1]} frames there '
                         f'(too small for it, or the folder is not '
                         'writable); try the other format of '
                         f'{" and ".join(VIDEO_CODECS)}.')
    return writer


def check_video_output(path: str, size: Tuple[int, int],
                       what: str = '--out-video') -> None:
    """Make sure a video of ``size`` frames can be written at ``path``
    before any work: a writer is opened on a probe file beside it, given
    one blank frame, and removed.

    Args:
        path (str): The video file.
        size (tuple[int, int]): (width, height) of the input's frames.
        what (str): The option that names the file, for the message.
    """
    folder, name = osp.split(osp.abspath(path))
    probe = osp.join(folder, f'.{name}.probe{osp.splitext(name)[1]}')
    writer = open_video_writer(probe, size, 30.0, what, named=path)
    try:
        writer.write(np.zeros((size[1], size[0], 3), np.uint8))
    finally:
        writer.release()
        if osp.exists(probe):
            os.remove(probe)
