"""A face found at several scales is one face: a face detector's boxes at
each scale merged (``face_detectors/scales.py``)."""
import numpy as np
import pytest

from mmfau.faces.face_detectors.scales import merge_scales

from ..test_apis.real_faces import RETINAFACE, image, needs_kit

#: RetinaFace's limits: widest face seen whole, width surely found.
LARGEST, CHECKED = 400, 48


def _rows(*boxes):
    return np.array(boxes, dtype=np.float32).reshape(-1, 5)


def test_the_parts_of_a_large_face_are_one_face():
    # at full scale a 480-pixel face (wider than the network sees whole)
    # gives boxes on its parts; half the scale sees it whole
    fine = _rows([100, 100, 400, 450, 0.99], [150, 250, 500, 600, 0.97],
                 [900, 100, 940, 150, 0.95],  # a small face: 20 px at 1/2
                 [1000, 500, 1200, 700, 0.98])  # 100 px at 1/2, not there
    coarse = _rows([80, 60, 560, 660, 0.96])
    faces = merge_scales([(fine, 1.0), (coarse, 0.5)], LARGEST, CHECKED)
    assert faces.dtype == np.float32
    np.testing.assert_array_equal(
        faces, _rows([80, 60, 560, 660, 0.96], [900, 100, 940, 150, 0.95]))


def test_a_face_seen_at_two_scales_keeps_the_finer_box_and_surer_score():
    fine = _rows([100, 100, 200, 230, 0.93],
                 [105, 110, 205, 235, 0.92])  # a duplicate at one scale
    coarse = _rows([98, 102, 204, 228, 0.97])
    faces = merge_scales([(fine, 1.0), (coarse, 0.5)], LARGEST, CHECKED)
    np.testing.assert_array_equal(faces, _rows([100, 100, 200, 230, 0.97]))
    # one scale: its boxes as they are
    np.testing.assert_array_equal(
        merge_scales([(fine, 1.0)], LARGEST, CHECKED), fine)


def test_a_box_the_next_scale_missed_is_no_face():
    # found at full and quarter scale, missed at half, where it was 100 px
    box = [100, 100, 300, 300]
    faces = merge_scales([(_rows(box + [0.95]), 1.0), (_rows(), 0.5),
                          (_rows(box + [0.7]), 0.25)], LARGEST, CHECKED)
    np.testing.assert_array_equal(faces, _rows(box + [0.7]))
    # extra columns (keypoints) travel with their box
    fine = np.array([[100, 100, 200, 230, 0.93] + list(range(10))],
                    np.float32)
    coarse = np.array([[98, 102, 204, 228, 0.97] + [np.nan] * 10],
                      np.float32)
    face, = merge_scales([(fine, 1.0), (coarse, 0.5)], LARGEST, CHECKED)
    np.testing.assert_array_equal(face[5:], np.arange(10))


@needs_kit
@pytest.mark.slow
def test_an_enlarged_photograph_gives_one_box_per_face():
    import cv2

    from mmfau.faces.face_detectors import RetinaFaceDetector
    from mmfau.faces.identity_tracker import box_iou

    # the turned face of group_of_six.jpg (100 px), enlarged 5 times as in
    # an 8000-pixel print of it: at full resolution the network saw it
    # twice, a box on its upper half and one on its lower half
    photo = cv2.imread(image('group_of_six.jpg'))[20:220, 860:1060]
    detector = RetinaFaceDetector(path=RETINAFACE, min_face_size=0)
    whole, = detector.detect([photo])
    found, = detector.detect([cv2.resize(photo, (1000, 1000),
                                         interpolation=cv2.INTER_CUBIC)])
    assert len(whole) == len(found) == 1
    # the whole face, as the photograph at its own size shows it (the
    # half boxes overlapped it by 0.5)
    assert box_iou(found[:, :4], whole[:, :4] * 5)[0, 0] > 0.8
