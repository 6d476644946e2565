import numpy as np
import pytest

from mmfau.facs.landmarks import CANONICAL_FACE
from mmfau.datasets.transforms import (FaceCenterCrop, FaceRandomFlip,
                                       FaceResize, LandmarksToRegions)
from mmfau.facs.landmarks import FLIP_INDICES, interocular_distance


def _face(size=200, seed=0):
    rng = np.random.default_rng(seed)
    landmarks = (CANONICAL_FACE * size).astype(np.float32)
    landmarks += rng.normal(0, 0.5, landmarks.shape).astype(np.float32)
    img = rng.integers(0, 255, (size, size, 3), dtype=np.uint8)
    return dict(img=img, landmarks=landmarks)


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
    face = _face()
    face['landmarks'][:, 1] -= 40  # forehead leaves the image at the top
    boxes = LandmarksToRegions()(dict(face))['region_boxes']
    assert boxes[0, 1] == 0
    far = _face()
    far['landmarks'] += 1000
    far['img_path'] = 'faces/far.jpg'
    with pytest.raises(ValueError, match=r'faces/far.jpg.*outside'):
        LandmarksToRegions()(far)


def test_flip_mirrors_landmarks_with_the_68_point_permutation():
    face = _face()
    width = face['img'].shape[1]
    flipped = FaceRandomFlip(prob=1.0)(dict(face, img=face['img'].copy()))
    lm = flipped['landmarks']
    # index 36 is still the subject's right outer eye corner: it came from
    # the original left outer corner (45), mirrored
    assert lm[36, 0] == pytest.approx(width - face['landmarks'][45, 0])
    assert lm[36, 0] < lm[45, 0]
    np.testing.assert_array_equal(flipped['img'], face['img'][:, ::-1])
    assert sorted(FLIP_INDICES) == list(range(68))
    assert all(FLIP_INDICES[FLIP_INDICES[i]] == i for i in range(68))


def test_flip_before_or_after_region_boxes_agree():
    """Boxes of flipped landmarks == flipped boxes with 2<->3, 5<->6."""
    face = _face(seed=3)
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


def test_flip_twice_is_identity():
    face = _face(seed=5)
    flip = FaceRandomFlip(prob=1.0)
    twice = flip(flip(dict(face)))
    np.testing.assert_allclose(
        twice['landmarks'], face['landmarks'], atol=1e-4)
    assert twice['flip'] is False


def test_resize_and_crop_keep_landmarks_on_the_face():
    face = _face(size=200)
    out = FaceCenterCrop(224)(FaceResize(256)(dict(face)))
    assert out['img'].shape[:2] == (224, 224)
    expected = face['landmarks'] * 256 / 200 - 16
    np.testing.assert_allclose(out['landmarks'], expected, rtol=1e-5)
    with pytest.raises(ValueError, match='does not fit'):
        FaceCenterCrop(300)(dict(face))
