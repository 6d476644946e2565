"""Choosing the face detector and the landmark backend: the one place that
maps their names to configs, used by the converters, the inference API and
the demos."""
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
