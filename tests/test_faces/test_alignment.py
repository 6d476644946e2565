import numpy as np

from mmfau.faces import FaceGeometry, align_face, similarity_transform
from mmfau.faces.landmark_scheme import CANONICAL_FACE


def test_similarity_recovers_a_known_transform():
    rng = np.random.default_rng(0)
    src = rng.uniform(0, 100, (10, 2))
    angle, scale, shift = 0.3, 1.7, np.array([5.0, -3.0])
    rot = scale * np.array([[np.cos(angle), -np.sin(angle)],
                            [np.sin(angle), np.cos(angle)]])
    matrix = similarity_transform(src, src @ rot.T + shift)
    np.testing.assert_allclose(matrix, np.hstack([rot, shift[:, None]]),
                               atol=1e-9)


def test_aligned_landmarks_follow_the_warped_pixels():
    """A marked pixel at a landmark lands where the aligned landmark is."""
    size = 256
    face = CANONICAL_FACE * 180
    theta = np.radians(20)
    rot = np.array([[np.cos(theta), -np.sin(theta)],
                    [np.sin(theta), np.cos(theta)]])
    landmarks = (face - 90) @ rot.T + [200.0, 150.0]
    image = np.zeros((400, 400, 3), np.uint8)
    x, y = landmarks[30]
    image[int(y) - 1:int(y) + 2, int(x) - 1:int(x) + 2] = 255
    crop, aligned, _ = align_face(image, landmarks, FaceGeometry(size))
    assert crop.shape == (size, size, 3)
    bright = np.argwhere(crop[..., 0] > 100).mean(axis=0)[::-1] + 0.5
    centre = np.floor(landmarks[30]) + 0.5  # the marked 3x3 block's centre
    expected = aligned[30] + (centre - landmarks[30]) * size / 180 * 0.9
    np.testing.assert_allclose(bright, expected, atol=0.6)
    # the face is upright and framed like the canonical face
    eyes = aligned[[36, 45]]
    assert abs(eyes[0, 1] - eyes[1, 1]) < 1e-3
    target = ((CANONICAL_FACE - 0.5) * 0.9 + 0.5) * size
    np.testing.assert_allclose(aligned, target, atol=1e-3)
