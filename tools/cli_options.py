"""Command-line options that several tools and both demos share: the face
detector and landmark backend, the runtime of the network, the batch size
and the calibration.

The scripts put ``tools/`` on their import path to read this module; the
library itself parses no command line (:mod:`mmfau.faces.backends` and
:mod:`mmfau.deployment.runtimes` take plain values).
"""
import argparse
import os.path as osp
from typing import Callable, List, Optional

from mmfau.calibration import DEFAULT_MIN_FRAMES, MODES, ONLINE_WINDOW
from mmfau.deployment import RUNTIMES
from mmfau.faces import (
    FACE_DETECTOR_BACKENDS,
    LANDMARK_BACKENDS,
    expand_inputs,
    face_detector_config,
    landmark_detector_config,
)


def add_landmark_arguments(parser: argparse.ArgumentParser, default: str,
                           key_example: str) -> None:
    """Add the face detector and landmark backend options to a tool.

    Args:
        parser (ArgumentParser): The tool's parser.
        default (str): Default landmark backend.
        key_example (str): How a landmark or box file names a frame, for the
            help.
    """
    parser.add_argument(
        '--landmarks', default=default, choices=sorted(LANDMARK_BACKENDS),
        help='landmark backend: FAN (downloads its weights once), dlib '
        '(offline) or a file of your own')
    parser.add_argument(
        '--landmark-file',
        help=f'with --landmarks file: JSON mapping "{key_example}" to 68 '
        '[x, y] points (or null when there is no face)')
    parser.add_argument(
        '--face-detector', choices=sorted(FACE_DETECTOR_BACKENDS),
        help='face detector feeding the landmark backend (default: the '
        "backend's own, dlib's HOG for dlib and S3FD for FAN); retinaface "
        'finds turned, small and partly hidden faces')
    parser.add_argument(
        '--face-detector-weights',
        help='weights of retinaface or s3fd (default: downloaded once)')
    parser.add_argument(
        '--min-face-size', type=int,
        help='with retinaface or s3fd: width in pixels of the smallest face '
        'to look for (default 48; 0: the full image, down to about 24 '
        'pixels, several times slower on large images)')
    parser.add_argument(
        '--face-box-file',
        help=f'with --face-detector file: JSON mapping "{key_example}" to a '
        'list of [x1, y1, x2, y2(, score)] boxes')


def landmark_config_from_args(args: argparse.Namespace,
                              keep: str = 'largest') -> dict:
    """The detector config of the options :func:`add_landmark_arguments`
    added."""
    face_detector = None
    if args.face_detector is None and args.min_face_size is not None:
        raise ValueError('--min-face-size needs --face-detector retinaface '
                         'or s3fd.')
    if args.face_detector is not None:
        face_detector = face_detector_config(args.face_detector,
                                             args.face_detector_weights,
                                             args.face_box_file,
                                             args.min_face_size)
    return landmark_detector_config(args.landmarks, args.landmark_file, keep,
                                    face_detector)


def add_runtime_arguments(parser: argparse.ArgumentParser,
                          auto: bool = False) -> None:
    """Add ``--runtime`` and ``--onnx`` to a demo's or tool's parser.

    Args:
        parser (ArgumentParser): The parser.
        auto (bool): Offer ``auto`` (the fastest runtime for the machine,
            :func:`mmfau.deployment.choose_runtime`) as the default;
            else the default is PyTorch float32.
    """
    names = sorted(RUNTIMES)
    parser.add_argument(
        '--runtime', default='auto' if auto else 'pytorch',
        choices=['auto', *names] if auto else names,
        help='how the network runs: ' + '; '.join(
            f'{k}: {v}' for k, v in RUNTIMES.items()) +
        ('; auto: the fastest for this machine (said at the start)'
         if auto else ''))
    parser.add_argument(
        '--onnx', help='the ONNX graph of --runtime onnx (exported there '
        'when missing) or onnx-int8 (from tools/deployment/pytorch2onnx.py '
        '--int8)')


def check_option_combinations(parser: argparse.ArgumentParser,
                              args: argparse.Namespace) -> None:
    """Refuse, in one line, options that make no sense together: ``--onnx``
    without an ONNX runtime, ``--calibrate-after`` without ``--calibrate
    online``, ``--calibrate offline`` on a camera (it holds every frame
    until the input ends). Sets ``--calibrate-after``'s default.

    Args:
        parser (ArgumentParser): The parser, whose ``error`` reports.
        args (Namespace): Its parsed options.
    """
    if getattr(args, 'onnx', None) and not args.runtime.startswith('onnx'):
        parser.error(f'--onnx {args.onnx}: give it with --runtime onnx or '
                     'onnx-int8')
    if not hasattr(args, 'calibrate'):
        return
    if args.calibrate_after is not None and args.calibrate != 'online':
        parser.error('--calibrate-after: give it with --calibrate online')
    if args.calibrate_after is None:
        args.calibrate_after = DEFAULT_MIN_FRAMES
    if args.calibrate == 'offline' and getattr(args, 'camera', None) \
            is not None:
        parser.error('--calibrate offline holds every frame until the '
                     'input ends, which a camera never does: use '
                     '--calibrate online')


#: The most frames a batch may hold: a batch's frames are in memory at once
#: (256 frames of 1080p video are 1.6 GB) and an interruption waits for the
#: batch in progress.
MAX_BATCH_SIZE = 256


def one_line_errors(parser: argparse.ArgumentParser) -> None:
    """Report a bad option as one line, ``error: <what>``, and exit 2 (the
    status argparse gives), instead of the usage and then the error."""
    def error(message: str) -> None:
        parser.exit(2, f'error: {message}\n')
    parser.error = error


def whole_number(low: int, high: Optional[int] = None, *,
                 message: str) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``.

    Args:
        low (int): The smallest number it takes.
        high (int, optional): The largest; None for no bound.
        message (str): The error for a number out of bounds, formatted
            with ``value`` (as given), ``low`` and ``high``.

    Returns:
        Callable[[str], int]: The type; it refuses a text that is no whole
        number with ``<value> is not a whole number``.
    """
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f'{value} is not a whole number') from None
        if number < low or (high is not None and number > high):
            raise argparse.ArgumentTypeError(
                message.format(value=value, low=low, high=high))
        return number

    return parse


#: An argparse type: frames per batch, 1 to :data:`MAX_BATCH_SIZE`.
batch_size = whole_number(
    1, MAX_BATCH_SIZE, message='{value} frames: give {low} to {high} (a '
    'batch is held in memory, and an interruption waits for it)')

#: An argparse type: a camera index, 0 or more.
camera_index = whole_number(
    0, message='{value}: camera indices start at {low} (the first camera)')


def add_batch_size_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--batch-size``: frames per face-stage call and faces per
    network call."""
    parser.add_argument(
        '--batch-size', type=batch_size, default=16,
        help=f'frames per batch and faces per network call (1 to '
        f'{MAX_BATCH_SIZE}; default 16)')


def files_read(args: argparse.Namespace, inputs) -> List[str]:
    """Every file a demo or tool run reads, which no output may name: the
    inputs (folders and patterns expanded), the config, the checkpoint and
    the files the face stage and the runtime read.

    Args:
        args (Namespace): The parsed options (``config``, ``checkpoint``
            and those of :func:`add_landmark_arguments` and
            :func:`add_runtime_arguments`, where present).
        inputs: What the run reads frames from.

    Returns:
        list[str]
    """
    files = []
    for source in expand_inputs(inputs):
        files += source.files or ([source.name]
                                  if source.kind == 'file' else [])
    for option in ('config', 'checkpoint', 'landmark_file', 'face_box_file',
                   'face_detector_weights', 'onnx'):
        path = getattr(args, option, None)
        if path and osp.exists(path):
            files.append(path)
    return files


def add_calibration_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--calibrate`` and ``--calibrate-after``: each tracked
    person's AUs judged against that person's own usual face, beside the
    raw ones (check them with :func:`check_option_combinations`)."""
    parser.add_argument(
        '--calibrate', choices=MODES,
        help='judge each tracked person\'s AUs against that person\'s own '
        'usual face (columns *_calibrated beside the raw ones): offline, '
        'over the whole input; online, over the frames so far, from '
        '--calibrate-after frames on')
    parser.add_argument(
        '--calibrate-after', type=calibration_frames, metavar='FRAMES',
        help=f'online: frames of a person before their AUs are calibrated '
        f'(1 to {ONLINE_WINDOW}, default {DEFAULT_MIN_FRAMES}; before, rows '
        'say calibrated 0)')


#: An argparse type: frames of a person before an online baseline, 1 to
#: :data:`~mmfau.calibration.ONLINE_WINDOW`.
calibration_frames = whole_number(
    1, ONLINE_WINDOW, message='{value} frames: give {low} to {high} (an '
    'online baseline is taken over the last {high} frames of a person)')
