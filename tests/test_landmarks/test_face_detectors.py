"""Face detection as its own stage: boxes from any detector feed any
landmark backend; the options of the tools map to one config."""
import argparse
import json

import numpy as np
import pytest

from mmfau.landmarks import (
    FileFaceBoxes,
    add_landmark_arguments,
    face_detector_config,
    landmark_config_from_args,
    landmark_detector_config,
)
from mmfau.registry import LANDMARK_DETECTORS


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


def test_tool_options_map_to_one_config():
    parser = argparse.ArgumentParser()
    add_landmark_arguments(parser, 'dlib', '<image>')
    args = parser.parse_args(['--face-detector', 'retinaface',
                              '--face-detector-weights', 'r.pth'])
    assert landmark_config_from_args(args, keep='all') == dict(
        type='DlibLandmarkDetector', keep='all',
        face_detector=dict(type='RetinaFaceDetector', path='r.pth'))
    assert landmark_detector_config('fan') == dict(
        type='FANLandmarkDetector', keep='largest')
    with pytest.raises(ValueError, match='takes no --face-detector'):
        landmark_detector_config('file', 'l.json',
                                 face_detector=dict(type='DlibFaceDetector'))
    with pytest.raises(ValueError, match='needs --face-box-file'):
        face_detector_config('file')
    with pytest.raises(ValueError, match='for retinaface or s3fd'):
        face_detector_config('dlib', weights='w.pth')
