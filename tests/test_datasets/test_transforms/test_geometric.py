"""Resizing, cropping and flipping faces with their landmarks."""
import numpy as np
import pytest

from mmfau.datasets.transforms import (
    FaceCenterCrop,
    FaceRandomFlip,
    FaceResize,
)
from mmfau.faces.landmark_scheme import FLIP_INDICES

from .faces import make_face


def test_flip_mirrors_landmarks_with_the_68_point_permutation():
    face = make_face()
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


def test_flip_twice_is_identity():
    face = make_face(seed=5)
    flip = FaceRandomFlip(prob=1.0)
    twice = flip(flip(dict(face)))
    np.testing.assert_allclose(
        twice['landmarks'], face['landmarks'], atol=1e-4)
    assert twice['flip'] is False


def test_resize_and_crop_keep_landmarks_on_themake_face():
    face = make_face(size=200)
    out = FaceCenterCrop(224)(FaceResize(256)(dict(face)))
    assert out['img'].shape[:2] == (224, 224)
    expected = face['landmarks'] * 256 / 200 - 16
    np.testing.assert_allclose(out['landmarks'], expected, rtol=1e-5)
    with pytest.raises(ValueError, match='does not fit'):
        FaceCenterCrop(300)(dict(face))
