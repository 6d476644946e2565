"""A face with noisy canonical landmarks, for the transform tests."""
import numpy as np

from mmfau.faces.landmark_scheme import CANONICAL_FACE


def make_face(size=200, seed=0):
    rng = np.random.default_rng(seed)
    landmarks = (CANONICAL_FACE * size).astype(np.float32)
    landmarks += rng.normal(0, 0.5, landmarks.shape).astype(np.float32)
    img = rng.integers(0, 255, (size, size, 3), dtype=np.uint8)
    return dict(img=img, landmarks=landmarks)

