"""The real photographs and videos of ../shared (test material, never
copied into the repository): paths, and a video composed from them."""
import os.path as osp

import cv2
import numpy as np
import pytest

from ..test_tools.helpers import ROOT

SHARED = osp.join(osp.dirname(ROOT), 'shared')
KIT = osp.join(SHARED, 'realfaces')
RETINAFACE = osp.join(SHARED, 'weights', 'retinaface_mobilenet0.25.pth')

#: Skips a test when the kit is absent (a user's clone has no ../shared).
needs_kit = pytest.mark.skipif(
    not (osp.isdir(KIT) and osp.isfile(RETINAFACE)),
    reason=f'the real-face test material is not at {KIT}')


def image(name: str) -> str:
    return osp.join(KIT, 'images', name)


def video(name: str) -> str:
    return osp.join(KIT, 'videos', name)


def _face_patch(path: str, box, height: int) -> np.ndarray:
    """A face of a kit photograph, with some margin, ``height`` tall."""
    picture = cv2.imread(path)
    x1, y1, x2, y2 = box
    patch = picture[y1:y2, x1:x2]
    return cv2.resize(patch, (round(height * patch.shape[1] /
                                    patch.shape[0]), height))


def compose_crossing_video(path: str, num_frames: int = 32) -> dict:
    """Two real people moving across a real background: their paths cross
    (the boxes overlap), person 0 makes a fast move, person 1 is hidden in
    two frames. Returns each frame's true face centres by person.

    Args:
        path (str): The .avi to write (640x360, MJPG, 10 fps).
        num_frames (int): Frames.

    Returns:
        dict: ``centres``: per frame, {person: (x, y)} of the visible ones;
        ``hidden``: the frames person 1 is missing from; ``jump``: the
        frame of person 0's fast move.
    """
    background = cv2.resize(
        cv2.imread(image('free-mountain-vector-01.jpg')), (640, 360))
    people = [
        _face_patch(image('single_face.jpg'), (170, 100, 400, 440), 150),
        _face_patch(image('multi_face.jpg'), (660, 250, 810, 450), 150),
    ]
    hidden, jump = (20, 21), 12
    writer = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*'MJPG'), 10,
                             (640, 360))
    centres = []
    for t in range(num_frames):
        frame = background.copy()
        positions = {
            0: (60 + 15 * t + (90 if t >= jump else 0), 95),
            1: (560 - 14 * t, 215),
        }
        visible = {}
        for person, (cx, cy) in positions.items():
            if person == 1 and t in hidden:
                continue
            patch = people[person]
            h, w = patch.shape[:2]
            x, y = int(cx - w / 2), int(cy - h / 2)
            x0, y0 = max(x, 0), max(y, 0)
            x1, y1 = min(x + w, 640), min(y + h, 360)
            if x1 - x0 < w * 0.9:  # leaving the frame: not counted
                continue
            frame[y0:y1, x0:x1] = patch[y0 - y:y1 - y, x0 - x:x1 - x]
            visible[person] = (cx, cy)
        writer.write(frame)
        centres.append(visible)
    writer.release()
    return dict(centres=centres, hidden=hidden, jump=jump)


def _motion_blur(patch: np.ndarray, length: int) -> np.ndarray:
    """A horizontal motion blur over ``length`` pixels."""
    kernel = np.full((1, length), 1.0 / length, np.float32)
    return cv2.filter2D(patch, -1, kernel)


def compose_motion_video(path: str, num_frames: int = 72) -> dict:
    """Three real people at 30 fps, 640x480, moving as people in a real
    video do: person 0 jumps sideways 80 pixels (most of a face width) a
    frame for 3 frames, motion-blurred; person 1 ducks out of the bottom
    of the frame for 20 frames (longer than half a second) and comes back;
    person 2 walks behind person 0 and out the other side. Returns each
    frame's true face centres by person.

    Args:
        path (str): The .avi to write (MJPG).
        num_frames (int): Frames.

    Returns:
        dict: ``centres``: per frame, {person: (x, y)} of the faces at
        least half visible; ``shown``: the same of every face with any part
        in the picture; ``fast``: person 0's fast frames; ``ducked``: the
        frames person 1 is out of the picture.
    """
    width, height = 640, 480
    background = cv2.resize(
        cv2.imread(image('free-mountain-vector-01.jpg')), (width, height))
    people = [
        _face_patch(image('single_face.jpg'), (170, 100, 400, 440), 140),
        _face_patch(image('multi_face.jpg'), (660, 250, 810, 450), 130),
        _face_patch(image('group_of_six.jpg'), (440, 220, 600, 440), 130),
    ]
    fast = (16, 17, 18)

    def place(person: int, t: int):
        if person == 0:
            if t < 16:
                x = 120 + 4 * t
            elif t <= 18:
                x = 180 + 80 * (t - 15)
            else:
                x = max(420 - 6 * (t - 18), 260)
            return x, 200
        if person == 1:
            down = min(max(t - 19, 0), 8) * 45 - min(max(t - 47, 0), 8) * 45
            return 565, 150 + down
        return 640 - 7 * t, 215

    writer = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*'MJPG'), 30,
                             (width, height))
    centres, shown, ducked = [], [], []
    # drawn back to front: person 2 passes behind person 0
    order = (2, 1, 0)
    for t in range(num_frames):
        frame = background.copy()
        cover = np.full((height, width), -1, np.int8)
        for person in order:
            patch = people[person]
            if person == 0 and t in fast:
                patch = _motion_blur(patch, 40)
            cx, cy = place(person, t)
            h, w = patch.shape[:2]
            x, y = int(cx - w / 2), int(cy - h / 2)
            x0, y0 = max(x, 0), max(y, 0)
            x1, y1 = min(x + w, width), min(y + h, height)
            if x1 <= x0 or y1 <= y0:
                continue
            frame[y0:y1, x0:x1] = patch[y0 - y:y1 - y, x0 - x:x1 - x]
            cover[y0:y1, x0:x1] = person
        visible, any_part = {}, {}
        for person in range(3):
            patch = people[person]
            cx, cy = place(person, t)
            h, w = patch.shape[:2]
            x, y = int(cx - w / 2), int(cy - h / 2)
            region = cover[max(y, 0):min(y + h, height),
                           max(x, 0):min(x + w, width)]
            if (region == person).sum() >= 0.5 * h * w:
                visible[person] = (cx, cy)
            if (region == person).any():
                any_part[person] = (cx, cy)
        if 1 not in visible:
            ducked.append(t)
        writer.write(frame)
        centres.append(visible)
        shown.append(any_part)
    writer.release()
    return dict(centres=centres, shown=shown, fast=fast, ducked=ducked)
