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
    assert a.tolist() == [[10, 20, 50, 70, 1.0]]  # the 0.2 box is dropped
    assert b.shape == (0, 5)
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
    np.testing.assert_allclose(boxes, reference, rtol=1e-5, atol=1e-3)

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
