"""Aligning a face to the canonical face by a similarity transform."""
from typing import Tuple

import cv2
import numpy as np

from .geometry import FaceGeometry
from .landmark_scheme import CANONICAL_FACE, LEFT_EYE, RIGHT_EYE


def _anchors(landmarks: np.ndarray) -> np.ndarray:
    """Eye centres, nose tip and mouth corners, (5, 2)."""
    return np.stack([
        landmarks[list(RIGHT_EYE)].mean(axis=0),
        landmarks[list(LEFT_EYE)].mean(axis=0),
        landmarks[30],
        landmarks[48],
        landmarks[54],
    ])


def similarity_transform(src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """Least-squares similarity (rotation, scale, shift) mapping ``src`` to
    ``dst`` (Umeyama, without reflection).

    Args:
        src (np.ndarray): Points (N, 2).
        dst (np.ndarray): Points (N, 2).

    Returns:
        np.ndarray: (2, 3) matrix ``[s R | t]``.
    """
    src = np.asarray(src, dtype=np.float64)
    dst = np.asarray(dst, dtype=np.float64)
    src_mean, dst_mean = src.mean(0), dst.mean(0)
    src_c, dst_c = src - src_mean, dst - dst_mean
    cov = dst_c.T @ src_c / len(src)
    u, s, vt = np.linalg.svd(cov)
    sign = np.diag([1.0, np.sign(np.linalg.det(u) * np.linalg.det(vt))])
    rotation = u @ sign @ vt
    scale = np.trace(np.diag(s) @ sign) / src_c.var(axis=0).sum()
    shift = dst_mean - scale * rotation @ src_mean
    return np.hstack([scale * rotation, shift[:, None]])


def align_face(image: np.ndarray,
               landmarks: np.ndarray,
               geometry: FaceGeometry = FaceGeometry()
               ) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Warp a face onto the canonical face, framed as ``geometry`` says.

    The same function serves data preparation and inference, so a model
    sees faces framed the same way in both.

    Args:
        image (np.ndarray): The frame (H, W, 3).
        landmarks (np.ndarray): The face's 68 landmarks (68, 2), continuous
            pixels.
        geometry (FaceGeometry): Crop side and face scale; the one a model
            was trained with comes with its checkpoint.

    Returns:
        tuple: The crop (size, size, 3), the landmarks in crop coordinates
        (68, 2) float32, and the (2, 3) frame-to-crop matrix (continuous
        coordinates).
    """
    size = geometry.size
    target = ((CANONICAL_FACE - 0.5) * geometry.face_scale + 0.5) * size
    matrix = similarity_transform(_anchors(landmarks), _anchors(target))
    # OpenCV samples at pixel indices, we use pixel centres at i + 0.5
    linear = matrix[:, :2]
    cv_matrix = np.hstack(
        [linear, (matrix[:, 2] + linear @ [0.5, 0.5] - 0.5)[:, None]])
    crop = cv2.warpAffine(
        image,
        cv_matrix, (size, size),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_REPLICATE)
    aligned = landmarks @ linear.T + matrix[:, 2]
    return crop, aligned.astype(np.float32), matrix
