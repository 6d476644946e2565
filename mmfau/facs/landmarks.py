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
