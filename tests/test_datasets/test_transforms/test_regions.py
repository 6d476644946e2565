import numpy as np
import pytest

from mmfau.datasets.transforms import (
    FaceRandomFlip,
    LandmarksToRegions,
)
from mmfau.faces.landmark_scheme import CANONICAL_FACE, interocular_distance

from .faces import make_face


def test_boxes_on_known_landmarks():
    size = 200
    landmarks = (CANONICAL_FACE * size).astype(np.float32)
    boxes = LandmarksToRegions()(dict(
        img=np.zeros((size, size, 3), np.uint8),
        landmarks=landmarks))['region_boxes']
    iod = float(interocular_distance(landmarks))
    assert boxes.shape == (8, 4)
    brows = landmarks[17:27]
    # forehead: brow ends across, 0.6 IOD above the highest brow point
    np.testing.assert_allclose(
        boxes[0], [brows[:, 0].min(), brows[:, 1].min() - 0.6 * iod,
                   brows[:, 0].max(), brows[:, 1].max() - 0.05 * iod],
        rtol=1e-5)
    # mouth: from the nose base to below the lower lip
    mouth = landmarks[48:60]
    assert boxes[6, 1] == pytest.approx(landmarks[31:36, 1].min())
    assert boxes[6, 3] == pytest.approx(mouth[:, 1].max() + 0.08 * iod)
    # right eye region (image left) holds the right eye, not the left one
    right_eye, left_eye = landmarks[36:42], landmarks[42:48]
    assert (boxes[1, 0] <= right_eye[:, 0]).all() and \
        (right_eye[:, 0] <= boxes[1, 2]).all()
    assert boxes[1, 2] < left_eye[:, 0].min()
    # vertical order: forehead above eyes above cheeks above mouth above chin
    centres = (boxes[:, 1] + boxes[:, 3]) / 2
    assert centres[0] < centres[1] < centres[4] < centres[6] < centres[7]
    assert boxes[:, 0::2].max() <= size and boxes.min() >= 0


def test_boxes_are_clipped_and_off_image_faces_rejected():
    face = make_face()
    face['landmarks'][:, 1] -= 40  # forehead leaves the image at the top
    boxes = LandmarksToRegions()(dict(face))['region_boxes']
    assert boxes[0, 1] == 0
    far = make_face()
    far['landmarks'] += 1000
    far['img_path'] = 'faces/far.jpg'
    with pytest.raises(ValueError, match=r'faces/far.jpg.*outside'):
        LandmarksToRegions()(far)


def test_flip_before_or_after_region_boxes_agree():
    """Boxes of flipped landmarks == flipped boxes with 2<->3, 5<->6."""
    face = make_face(seed=3)
    flip, regions = FaceRandomFlip(prob=1.0), LandmarksToRegions()
    boxes_then_flip = flip(regions(dict(face)))['region_boxes']
    flip_then_boxes = regions(flip(dict(face)))['region_boxes']
    np.testing.assert_allclose(boxes_then_flip, flip_then_boxes, atol=1e-4)
    original = regions(dict(face))['region_boxes']
    width = face['img'].shape[1]
    for a, b in [(1, 2), (4, 5), (0, 0), (6, 6)]:  # 0-based region pairs
        np.testing.assert_allclose(
            flip_then_boxes[a], [width - original[b, 2], original[b, 1],
                                 width - original[b, 0], original[b, 3]],
            atol=1e-4)

