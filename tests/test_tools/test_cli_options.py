"""The command-line options the tools and demos share map to the library's
configs."""
import argparse

import pytest

from mmfau.deployment import RUNTIMES

from cli_options import (  # noqa: E402
    add_calibration_arguments,
    add_landmark_arguments,
    add_runtime_arguments,
    check_option_combinations,
    landmark_config_from_args,
    one_line_errors,
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


def test_options_that_make_no_sense_together_are_refused(capsys):
    parser = argparse.ArgumentParser()
    one_line_errors(parser)
    add_runtime_arguments(parser, auto=True)
    add_calibration_arguments(parser)
    parser.add_argument('--camera', type=int)

    def check(*options):
        args = parser.parse_args(options)
        check_option_combinations(parser, args)
        return args

    assert check().runtime == 'auto'
    args = check('--calibrate', 'online')
    assert args.calibrate_after == 30  # the default, set by the check
    assert check('--calibrate', 'online', '--calibrate-after', '5'
                 ).calibrate_after == 5
    for options, message in [
            (('--onnx', 'm.onnx'), '--onnx m.onnx: give it with --runtime '
             'onnx or onnx-int8'),
            (('--calibrate-after', '5'), '--calibrate-after: give it with '
             '--calibrate online'),
            (('--calibrate', 'online', '--calibrate-after', '0'),
             '0 frames: give 1 to 3000'),
            (('--calibrate', 'offline', '--camera', '0'),
             'a camera never does: use --calibrate online')]:
        with pytest.raises(SystemExit) as stop:
            check(*options)
        assert stop.value.code == 2
        assert message in capsys.readouterr().err
