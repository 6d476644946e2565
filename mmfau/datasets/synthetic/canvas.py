"""An image that is drawn on in face-frame coordinates.

Every stroke is given in the normalised face frame (x, y in [0, 1] across the
head box), turned with the head (:func:`~.head_pose.rotate_head`) and mapped
to pixels by one similarity transform (in-plane rotation, scale, shift), so
what is drawn and the landmarks returned agree exactly.
"""
from typing import Tuple

import cv2
import numpy as np

from .head_pose import rotate_head

SHIFT = 4  # sub-pixel bits for OpenCV drawing
SCALE = 1 << SHIFT


def pose_matrix(size: int, pose: dict) -> np.ndarray:
    """The 2x3 similarity transform from the (turned) face frame to pixels.

    Args:
        size (int): Image side in pixels.
        pose (dict): ``angle`` (degrees), ``scale`` and ``shift`` (2,), the
            latter two relative to ``size``.

    Returns:
        np.ndarray: Shape (2, 3).
    """
    theta = np.radians(pose['angle'])
    rot = size * pose['scale'] * np.array([[np.cos(theta), -np.sin(theta)],
                                           [np.sin(theta), np.cos(theta)]])
    centre = size * (0.5 + np.asarray(pose['shift']))
    return np.hstack([rot, (centre - rot @ [0.5, 0.5])[:, None]])


def face_to_pixels(points: np.ndarray, size: int, pose: dict) -> np.ndarray:
    """Map face-frame points (N, 2) to continuous pixels (N, 2) float32.

    ``pose`` may hold ``yaw`` and ``pitch`` (degrees, 0 when missing) besides
    the keys of :func:`pose_matrix`.
    """
    return _to_pixels(points, pose, pose_matrix(size, pose)).astype(
        np.float32)


def _to_pixels(points: np.ndarray, pose: dict,
               matrix: np.ndarray) -> np.ndarray:
    """Turn the head, then apply the similarity ``matrix`` (2, 3)."""
    turned = rotate_head(points, pose.get('yaw', 0.0), pose.get('pitch', 0.0))
    return turned @ matrix[:, :2].T + matrix[:, 2]


def bgr(colour) -> Tuple[int, int, int]:
    """A colour as the int triple OpenCV draws with."""
    return tuple(int(c) for c in np.clip(colour, 0, 255))


class FaceCanvas:
    """A BGR image drawn on in face-frame coordinates.

    Args:
        size (int): Image side in pixels.
        pose (dict): Head pose, see :func:`face_to_pixels`.
        background (np.ndarray): BGR colour the image starts with.
    """

    def __init__(self, size: int, pose: dict, background: np.ndarray) -> None:
        self.size = size
        self.pose = pose
        self.matrix = pose_matrix(size, pose)  # once: every stroke uses it
        self.scale = size * pose['scale']
        self.img = np.empty((size, size, 3), dtype=np.uint8)
        self.img[:] = np.clip(background, 0, 255).astype(np.uint8)

    def px(self, points: np.ndarray) -> np.ndarray:
        """Face-frame points (N, 2) -> continuous pixel coordinates."""
        return _to_pixels(points, self.pose, self.matrix)

    def cv_points(self, points: np.ndarray) -> np.ndarray:
        """Pixel coordinates in OpenCV's fixed-point drawing units."""
        # OpenCV puts pixel i's centre at i; our coordinates at i + 0.5.
        return np.round((self.px(points) - 0.5) * SCALE).astype(np.int32)

    def length(self, value: float) -> float:
        """A face-frame length in pixels."""
        return value * self.scale

    def poly(self, points, colour, closed: bool = True) -> None:
        """Fill a polygon (``closed``) or draw a 1-pixel open polyline."""
        pts = self.cv_points(points)[None]
        if closed:
            cv2.fillPoly(self.img, pts, bgr(colour), cv2.LINE_AA, SHIFT)
        else:
            cv2.polylines(self.img, pts, False, bgr(colour), 1, cv2.LINE_AA,
                          SHIFT)

    def line(self, points, colour, width: float,
             closed: bool = False) -> None:
        """A polyline ``width`` face-frame units thick."""
        thickness = max(1, int(round(self.length(width))))
        cv2.polylines(self.img, self.cv_points(points)[None], closed,
                      bgr(colour), thickness, cv2.LINE_AA, SHIFT)

    def ellipse(self, centre, axes, colour, angle: float = 0.0) -> None:
        """Fill an ellipse given in the face frame; it turns with the head."""
        self.poly(ellipse_points(centre, axes, angle), colour)

    def mask(self, points) -> np.ndarray:
        """A boolean image, True inside the polygon ``points``."""
        mask = np.zeros((self.size, self.size), np.uint8)
        cv2.fillPoly(mask, self.cv_points(points)[None], 1, cv2.LINE_8, SHIFT)
        return mask.astype(bool)


def ellipse_points(centre, axes, angle: float = 0.0,
                   n: int = 24) -> np.ndarray:
    """``n`` points on an ellipse outline, shape (n, 2)."""
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    a = np.radians(angle)
    x, y = axes[0] * np.cos(t), axes[1] * np.sin(t)
    return np.stack([
        centre[0] + x * np.cos(a) - y * np.sin(a),
        centre[1] + x * np.sin(a) + y * np.cos(a)
    ], axis=1)
