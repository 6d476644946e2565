"""The 68-point facial landmark scheme (iBUG / 300-W indexing)."""
from typing import List

import numpy as np

NUM_LANDMARKS = 68

RIGHT_EYE = tuple(range(36, 42))  # subject's right, image left
LEFT_EYE = tuple(range(42, 48))


def _mirror_pairs() -> List[int]:
    pairs = [(i, 16 - i) for i in range(17)]  # jaw line
    pairs += [(17 + i, 26 - i) for i in range(5)]  # brows
    pairs += [(27 + i, 27 + i) for i in range(4)]  # nose bridge
    pairs += [(31 + i, 35 - i) for i in range(5)]  # nostrils
    pairs += [(36, 45), (37, 44), (38, 43), (39, 42), (40, 47), (41, 46)]
    pairs += [(48 + i, 54 - i) for i in range(7)]  # upper outer lip
    pairs += [(55, 59), (56, 58), (57, 57)]  # lower outer lip
    pairs += [(60, 64), (61, 63), (62, 62), (65, 67), (66, 66)]  # inner lip
    perm = list(range(NUM_LANDMARKS))
    for a, b in pairs:
        perm[a], perm[b] = b, a
    return perm


#: ``flipped[i] = mirrored(original[FLIP_INDICES[i]])`` for a horizontal flip.
FLIP_INDICES: List[int] = _mirror_pairs()


def _canonical_face() -> np.ndarray:
    pts = np.zeros((NUM_LANDMARKS, 2), dtype=np.float64)
    angles = np.pi - np.pi * np.arange(17) / 16  # jaw, ear to ear via chin
    pts[:17, 0] = 0.5 + 0.40 * np.cos(angles)
    pts[:17, 1] = 0.42 + 0.44 * np.sin(angles)
    brow_x = np.linspace(0.18, 0.43, 5)
    pts[17:22, 0] = brow_x
    pts[17:22, 1] = 0.30 - 0.03 * np.sin(np.pi * np.arange(5) / 4 * 0.9)
    pts[27:31] = [[0.5, y] for y in (0.39, 0.46, 0.53, 0.59)]
    pts[31:36] = [[0.43, 0.625], [0.465, 0.637], [0.5, 0.645], [0.535, 0.637],
                  [0.57, 0.625]]
    pts[36:42] = [[0.25, 0.40], [0.29, 0.378], [0.35, 0.378], [0.39, 0.40],
                  [0.35, 0.418], [0.29, 0.418]]
    pts[48:55] = [[0.38, 0.735], [0.42, 0.712], [0.47, 0.70], [0.5, 0.706],
                  [0.53, 0.70], [0.58, 0.712], [0.62, 0.735]]
    pts[55:60] = [[0.58, 0.765], [0.53, 0.783], [0.5, 0.786], [0.47, 0.783],
                  [0.42, 0.765]]
    pts[60:65] = [[0.40, 0.735], [0.46, 0.73], [0.5, 0.731], [0.54, 0.73],
                  [0.60, 0.735]]
    pts[65:68] = [[0.54, 0.73], [0.5, 0.731], [0.46, 0.73]]
    # left half of the face mirrors the right half
    right_half = list(range(17, 22)) + list(range(36, 42))
    for i in right_half:
        j = FLIP_INDICES[i]
        pts[j] = [1.0 - pts[i, 0], pts[i, 1]]
    return pts


#: A neutral frontal face in a normalised head frame (x, y in [0, 1], y
#: down), shape (68, 2). Face alignment maps faces onto it and the synthetic
#: faces are drawn from it.
CANONICAL_FACE = _canonical_face()


def interocular_distance(landmarks: np.ndarray) -> np.ndarray:
    """Distance between the two eye centres.

    Args:
        landmarks (np.ndarray): Shape (..., 68, 2).

    Returns:
        np.ndarray: Shape (...).
    """
    right = landmarks[..., RIGHT_EYE, :].mean(axis=-2)
    left = landmarks[..., LEFT_EYE, :].mean(axis=-2)
    return np.linalg.norm(left - right, axis=-1)


def check_landmarks(landmarks, source: str) -> np.ndarray:
    """Return landmarks as a float32 (68, 2) array or raise a clear error.

    Args:
        landmarks: Anything array-like.
        source (str): The file or entry the landmarks came from.

    Returns:
        np.ndarray: Shape (68, 2), float32.
    """
    array = np.asarray(landmarks, dtype=np.float32)
    if array.shape != (NUM_LANDMARKS, 2):
        raise ValueError(f'{source}: expected 68 landmarks of shape (68, 2), '
                         f'got shape {array.shape}.')
    if not np.isfinite(array).all():
        raise ValueError(f'{source}: the landmarks contain NaN or inf.')
    return array
