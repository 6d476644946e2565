"""Face detection as its own stage: boxes from any detector feed any
landmark backend; backend names map to one config."""
import json

import numpy as np
import pytest

from mmfau.faces import (
    FileFaceBoxes,
    face_detector_config,
    landmark_detector_config,
)
from mmfau.registry import FACE_DETECTORS, LANDMARK_DETECTORS

from ..test_apis.real_faces import RETINAFACE, image, needs_kit


def test_boxes_from_a_file(tmp_path):
    path = tmp_path / 'boxes.json'
    path.write_text(json.dumps({'a.jpg': [[10, 20, 50, 70], [0, 0, 5, 5,
                                                             0.2]],
                                'b.jpg': []}))
    detector = FileFaceBoxes(str(path), min_score=0.5)
    a, b = detector.detect([np.zeros((80, 80, 3), np.uint8)] * 2,
                           ['a.jpg', 'b.jpg'])
    # the 0.2 box is dropped; a file gives no keypoints
    assert a[:, :5].tolist() == [[10, 20, 50, 70, 1.0]]
    assert a.shape == (1, 15) and np.isnan(a[:, 5:]).all()
    assert b.shape == (0, 15)
    with pytest.raises(ValueError, match='has no boxes for'):
        detector.detect([np.zeros((8, 8, 3), np.uint8)], ['c.jpg'])
    path.write_text(json.dumps({'a.jpg': [[10, 20, 5, 70]]}))
    with pytest.raises(ValueError, match='x2 > x1'):
        FileFaceBoxes(str(path))


def test_any_detector_feeds_the_dlib_landmarks(tmp_path):
    from skimage import data
    image = np.ascontiguousarray(data.astronaut()[..., ::-1])
    default = LANDMARK_DETECTORS.build(dict(type='DlibLandmarkDetector'))
    face, = default.detect([image], ['astronaut.png'])[0]
    path = tmp_path / 'boxes.json'
    path.write_text(json.dumps({'astronaut.png': [face.box.tolist()]}))
    from_file = LANDMARK_DETECTORS.build(
        landmark_detector_config(
            'dlib', face_detector=face_detector_config(
                'file', box_file=str(path))))
    same, = from_file.detect([image], ['astronaut.png'])[0]
    np.testing.assert_allclose(same.landmarks, face.landmarks, atol=1e-4)


def test_backend_names_map_to_one_config():
    assert landmark_detector_config('fan') == dict(
        type='FANLandmarkDetector', keep='largest')
    assert landmark_detector_config(
        'dlib', keep='all', face_detector=face_detector_config(
            'retinaface', weights='r.pth')) == dict(
        type='DlibLandmarkDetector', keep='all',
        face_detector=dict(type='RetinaFaceDetector', path='r.pth'))
    with pytest.raises(ValueError, match='takes no --face-detector'):
        landmark_detector_config('file', 'l.json',
                                 face_detector=dict(type='DlibFaceDetector'))
    with pytest.raises(ValueError, match='needs --face-box-file'):
        face_detector_config('file')
    with pytest.raises(ValueError, match='for retinaface or s3fd'):
        face_detector_config('dlib', weights='w.pth')
    with pytest.raises(ValueError, match='--min-face-size is for'):
        face_detector_config('dlib', min_face_size=20)


@pytest.mark.parametrize('height, width', [(180, 320), (361, 641), (1, 1)])
def test_retinaface_anchors_equal_face_alignments(height, width):
    import torch
    from face_alignment.detection.retinaface.net_retinaface import cfg_mnet
    from face_alignment.detection.retinaface.prior_box import PriorBox

    from mmfau.faces.face_detectors.neural import retinaface_anchors
    reference = PriorBox(cfg_mnet, image_size=(height, width)).forward()
    assert torch.equal(retinaface_anchors(cfg_mnet, height, width),
                       reference)


def test_rows_carry_keypoints_or_nan():
    from mmfau.faces.face_detectors import as_boxes
    from mmfau.faces.face_detectors.base import NUM_COLUMNS, keypoints_of
    rows = as_boxes([[0, 0, 4, 4], [1, 1, 5, 5, 0.5], range(1, 16)])
    assert rows.shape == (3, NUM_COLUMNS) and rows.dtype == np.float32
    assert rows[0, 4] == 1 and np.isnan(rows[:2, 5:]).all()
    assert keypoints_of(rows[0]) is None  # NaN: none
    assert keypoints_of(rows[2, :5]) is None  # a short row: none
    np.testing.assert_array_equal(keypoints_of(rows[2]),
                                  np.arange(6, 16).reshape(5, 2))
    assert as_boxes([]).shape == (0, NUM_COLUMNS)


def test_keypoints_decode_as_pytorch_retinaface():
    import torch

    from mmfau.faces.face_detectors.neural import decode_keypoints
    generator = torch.Generator().manual_seed(0)
    anchors = torch.rand(7, 4, generator=generator)
    offsets = torch.randn(7, 10, generator=generator)
    variances = (0.1, 0.2)
    # Pytorch_Retinaface's decode_landm, point by point
    reference = torch.cat([
        anchors[:, :2] + offsets[:, 2 * k:2 * k + 2] * variances[0] *
        anchors[:, 2:] for k in range(5)
    ], 1)
    torch.testing.assert_close(
        decode_keypoints(offsets, anchors, variances).flatten(1), reference)


@needs_kit
def test_retinaface_keypoints_sit_on_the_faces():
    import cv2

    from mmfau.faces.face_detectors.base import keypoints_of
    photo = cv2.imread(image('multi_face.jpg'))  # five frontal faces
    found = {}
    for min_face_size in (0, 48):  # full size, and shrunk then mapped back
        detector = FACE_DETECTORS.build(
            dict(type='RetinaFaceDetector', path=RETINAFACE,
                 min_face_size=min_face_size))
        rows, = detector.detect([photo])
        assert rows.shape == (5, 15)
        for row in rows:
            points = keypoints_of(row)
            assert points is not None
            assert (points >= row[:2]).all() and (points <= row[2:4]).all()
            eyes, nose, mouth = points[:2], points[2], points[3:]
            # image-left point first; eyes above the nose above the mouth
            # (their midpoints: one face is tilted)
            assert eyes[0, 0] < eyes[1, 0] and mouth[0, 0] < mouth[1, 0]
            assert eyes[:, 1].mean() < nose[1] < mouth[:, 1].mean()
        found[min_face_size] = rows[np.argsort(rows[:, 0])]
    # the same points at either scale, in the photograph's pixels (the
    # network's own spread at half the size: 3 % of the face, up to 12 %
    # for a mouth corner)
    width = found[0][:, 2] - found[0][:, 0]
    moved = np.abs(found[0][:, 5:] - found[48][:, 5:]) / width[:, None]
    assert moved.mean() < 0.04 and moved.max() < 0.15, moved


@needs_kit
def test_retinaface_matches_face_alignment_and_shrinks_images():
    import cv2

    from mmfau.faces.identity_tracker import box_iou
    photo = cv2.imread(image('multi_face.jpg'))  # five faces, 79-150 px
    full = FACE_DETECTORS.build(
        dict(type='RetinaFaceDetector', path=RETINAFACE, min_face_size=0,
             min_score=0.5))
    # face-alignment's own detector, at full resolution
    from face_alignment.detection.retinaface.retinaface_detector import (
        RetinaFaceDetector,
    )
    reference = np.asarray(
        RetinaFaceDetector('cpu', path_to_detector=RETINAFACE,
                           confidence_threshold=0.5).detect_from_image(photo))
    boxes, = full.detect_boxes([photo])
    # the same boxes and scores, then the keypoints (faces of 80-104 px:
    # half the scale confirms them, and keeps the full scale's boxes)
    np.testing.assert_allclose(boxes[:, :5], reference, rtol=1e-5,
                               atol=1e-3)
    assert boxes.shape == (5, 15)

    shrunk = FACE_DETECTORS.build(dict(type='RetinaFaceDetector',
                                       path=RETINAFACE))  # 48 px faces
    seen = []
    shrunk._detector.face_detector.register_forward_hook(
        lambda module, args, output: seen.append(args[0].shape[2:]))
    found, = shrunk.detect([photo])
    assert seen == [(334, 500)]  # 667x1000 at 24 / 48
    # the same five faces, boxes in the photograph's pixels
    assert len(found) == 5
    assert box_iou(found[:, :4], boxes[:, :4]).max(1).min() > 0.8
    with pytest.raises(ValueError, match='min_face_size must be >= 0'):
        FACE_DETECTORS.build(dict(type='RetinaFaceDetector',
                                  path=RETINAFACE, min_face_size=-1))
