"""Annotating video frames with faces, ids and present AUs."""
from typing import List, Sequence

import cv2
import numpy as np

from mmfau.structures import FaceResult


def _label(canvas: np.ndarray, text: str, origin, scale: float,
           colour) -> int:
    """Text on a dark box, readable on any background; returns its height.
    """
    font, thickness = cv2.FONT_HERSHEY_SIMPLEX, max(1, int(round(scale * 2)))
    (width, height), base = cv2.getTextSize(text, font, scale, thickness)
    x, y = int(origin[0]), int(origin[1])
    x = min(max(x, 0), max(canvas.shape[1] - width - 4, 0))
    y = min(max(y, height + 4), canvas.shape[0] - base - 2)
    cv2.rectangle(canvas, (x, y - height - 4), (x + width + 4, y + base + 2),
                  (0, 0, 0), -1)
    cv2.putText(canvas, text, (x + 2, y), font, scale, colour, thickness,
                cv2.LINE_AA)
    return height + base + 6


def draw_frame(image: np.ndarray, faces: List[FaceResult],
               au_names: Sequence[str]) -> np.ndarray:
    """Draw each face's box, id, landmarks and present AUs on a BGR frame,
    on dark label boxes, large enough to read at 640x360. A face judged
    against the person's own baseline shows those AUs (its id marked
    ``cal``).

    Args:
        image (np.ndarray): The BGR frame.
        faces (list[FaceResult]): A frame's faces from
            :class:`FaceAUInferencer`.
        au_names (Sequence[str]): AU names in the order of the scores.

    Returns:
        np.ndarray: A drawn copy of the frame.
    """
    canvas = image.copy()
    scale = max(canvas.shape[0] / 720, 0.45)
    if not faces:
        _label(canvas, 'no face', (8, 30 * scale / 0.45), scale * 1.3,
               (80, 80, 255))
    for face in faces:
        x1, y1, x2, y2 = (int(v) for v in face.box)
        cv2.rectangle(canvas, (x1, y1), (x2, y2), (0, 200, 255),
                      max(1, int(round(2 * scale))))
        for x, y in face.landmarks:
            cv2.circle(canvas, (int(x), int(y)), 1, (0, 255, 0), -1)
        # the id above the box (inside the frame), present AUs below it
        calibrated = face.calibrated
        _label(canvas, f'id {face.id}' + (' cal' if calibrated else ''),
               (x1, y1 - 6), scale * 1.2, (0, 200, 255))
        present = [n for n, p in zip(au_names, face.present
                                     if calibrated is None else
                                     calibrated.present) if p]
        lines = [' '.join(present[i:i + 4]) for i in range(0, len(present), 4)]
        line_height = int(round(26 * scale / 0.45))
        # below the box, or as low as the frame lets every line show
        y = min(y2 + line_height, canvas.shape[0] - line_height *
                (len(lines) - 1) - 4)
        for text in lines:
            y += _label(canvas, text, (x1, y), scale, (255, 255, 255))
    return canvas
