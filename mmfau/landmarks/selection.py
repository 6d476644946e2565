"""Choosing the face detector and the landmark backend: the one place that
maps their names to configs, used by the converters, the inference API and
the demos."""
import argparse
from typing import Optional

#: Landmark backend name -> registered landmark detector type.
LANDMARK_BACKENDS = dict(
    fan='FANLandmarkDetector',
    dlib='DlibLandmarkDetector',
    file='FileLandmarks')

#: Face detector name -> registered face detector type.
FACE_DETECTOR_BACKENDS = dict(
    dlib='DlibFaceDetector',
    retinaface='RetinaFaceDetector',
    s3fd='S3FDFaceDetector',
    file='FileFaceBoxes')


def face_detector_config(name: str,
                         weights: Optional[str] = None,
                         box_file: Optional[str] = None,
                         min_face_size: Optional[int] = None) -> dict:
    """The config of a registered face detector.

    Args:
        name (str): A key of :data:`FACE_DETECTOR_BACKENDS`.
        weights (str, optional): Weights file of RetinaFace or S3FD (by
            default face-alignment downloads them once).
        box_file (str, optional): JSON of boxes, for ``'file'``.
        min_face_size (int, optional): Smallest face width, in pixels, that
            RetinaFace or S3FD looks for (their default when None).

    Returns:
        dict: A config for ``FACE_DETECTORS.build``.
    """
    if name not in FACE_DETECTOR_BACKENDS:
        raise ValueError(f'Unknown face detector {name!r}; use one of '
                         f'{sorted(FACE_DETECTOR_BACKENDS)}.')
    cfg = dict(type=FACE_DETECTOR_BACKENDS[name])
    if name == 'file':
        if not box_file:
            raise ValueError('--face-detector file needs --face-box-file.')
        cfg['path'] = box_file
    for option, key, value in (('--face-detector-weights', 'path', weights),
                               ('--min-face-size', 'min_face_size',
                                min_face_size)):
        if value is None or name == 'file':
            continue
        if name not in ('retinaface', 's3fd'):
            raise ValueError(
                f'{option} is for retinaface or s3fd, not {name}.')
        cfg[key] = value
    return cfg


def landmark_detector_config(backend: str,
                             landmark_file: Optional[str] = None,
                             keep: str = 'largest',
                             face_detector: Optional[dict] = None) -> dict:
    """The config of a registered landmark detector.

    Args:
        backend (str): A key of :data:`LANDMARK_BACKENDS`.
        landmark_file (str, optional): JSON of landmarks, for ``'file'``.
        keep (str): ``'largest'`` face per image or ``'all'``.
        face_detector (dict, optional): The face detector that feeds the
            backend (from :func:`face_detector_config`); each backend's own
            when None (dlib's HOG for dlib, S3FD for FAN).

    Returns:
        dict: A config for ``LANDMARK_DETECTORS.build``.
    """
    if backend not in LANDMARK_BACKENDS:
        raise ValueError(f'Unknown landmark backend {backend!r}; use one of '
                         f'{sorted(LANDMARK_BACKENDS)}.')
    cfg = dict(type=LANDMARK_BACKENDS[backend], keep=keep)
    if backend == 'file':
        if not landmark_file:
            raise ValueError('--landmarks file needs --landmark-file.')
        if face_detector is not None:
            raise ValueError('--landmarks file reads faces from the file; '
                             'it takes no --face-detector.')
        cfg['path'] = landmark_file
    elif face_detector is not None:
        cfg['face_detector'] = face_detector
    return cfg


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
