"""The command-line options the tools and demos share map to the library's
configs."""
import argparse

import pytest

from mmfau.deployment import RUNTIMES

from cli_options import (  # noqa: E402
    add_landmark_arguments,
    add_runtime_arguments,
    landmark_config_from_args,
)


def test_landmark_options_map_to_one_config():
    parser = argparse.ArgumentParser()
    add_landmark_arguments(parser, 'dlib', '<image>')
    args = parser.parse_args(['--face-detector', 'retinaface',
                              '--face-detector-weights', 'r.pth'])
    assert landmark_config_from_args(args, keep='all') == dict(
        type='DlibLandmarkDetector', keep='all',
        face_detector=dict(type='RetinaFaceDetector', path='r.pth'))
    args = parser.parse_args(['--face-detector', 'retinaface',
                              '--min-face-size', '0'])
    assert landmark_config_from_args(args)['face_detector'] == dict(
        type='RetinaFaceDetector', min_face_size=0)
    assert landmark_config_from_args(parser.parse_args([])) == dict(
        type='DlibLandmarkDetector', keep='largest')
    with pytest.raises(ValueError, match='needs --face-detector'):
        landmark_config_from_args(parser.parse_args(['--min-face-size',
                                                     '20']))


def test_runtime_options():
    parser = argparse.ArgumentParser()
    add_runtime_arguments(parser)
    assert parser.parse_args([]).runtime == 'pytorch'
    args = parser.parse_args(['--runtime', 'onnx', '--onnx', 'm.onnx'])
    assert (args.runtime, args.onnx) == ('onnx', 'm.onnx')
    with pytest.raises(SystemExit):
        parser.parse_args(['--runtime', 'tensorrt'])
    assert set(parser._option_string_actions['--runtime'].choices) == set(
        RUNTIMES)
