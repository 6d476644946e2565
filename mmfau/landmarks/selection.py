"""Choosing a landmark backend: the one place that maps a backend name to a
detector config, used by the converters, the inference API and the demos."""
import argparse
from typing import Optional

#: Backend name -> registered detector type.
LANDMARK_BACKENDS = dict(
    fan='FANLandmarkDetector',
    dlib='DlibLandmarkDetector',
    file='FileLandmarks')


def landmark_detector_config(backend: str,
                             landmark_file: Optional[str] = None,
                             keep: str = 'largest') -> dict:
    """The config of a registered landmark detector.

    Args:
        backend (str): A key of :data:`LANDMARK_BACKENDS`.
        landmark_file (str, optional): JSON of landmarks, for ``'file'``.
        keep (str): ``'largest'`` face per image or ``'all'``.

    Returns:
        dict: A config for ``LANDMARK_DETECTORS.build``.
    """
    if backend not in LANDMARK_BACKENDS:
        raise ValueError(f'Unknown landmark backend {backend!r}; use one of '
                         f'{sorted(LANDMARK_BACKENDS)}.')
    if backend == 'file':
        if not landmark_file:
            raise ValueError('--landmarks file needs --landmark-file.')
        return dict(type=LANDMARK_BACKENDS[backend], path=landmark_file,
                    keep=keep)
    return dict(type=LANDMARK_BACKENDS[backend], keep=keep)


def add_landmark_arguments(parser: argparse.ArgumentParser, default: str,
                           key_example: str) -> None:
    """Add ``--landmarks`` (backend) and ``--landmark-file`` to a tool.

    Args:
        parser (ArgumentParser): The tool's parser.
        default (str): Default backend.
        key_example (str): How a landmark file names a frame, for the help.
    """
    parser.add_argument(
        '--landmarks', default=default, choices=sorted(LANDMARK_BACKENDS),
        help='landmark backend: FAN (downloads its weights once), dlib '
        '(offline) or a file of your own')
    parser.add_argument(
        '--landmark-file',
        help=f'with --landmarks file: JSON mapping "{key_example}" to 68 '
        '[x, y] points (or null when there is no face)')


def landmark_config_from_args(args: argparse.Namespace,
                              keep: str = 'largest') -> dict:
    """The detector config of the options :func:`add_landmark_arguments`
    added."""
    return landmark_detector_config(args.landmarks, args.landmark_file, keep)
