from .alignment import align_face, similarity_transform
from .base import BaseLandmarkDetector, Face, box_of
from .dlib_detector import DlibLandmarkDetector
from .face_detectors import (
    BaseFaceDetector,
    DlibFaceDetector,
    FileFaceBoxes,
    RetinaFaceDetector,
    S3FDFaceDetector,
)
from .fan_detector import FANLandmarkDetector
from .file_detector import FileLandmarks
from .selection import (
    FACE_DETECTOR_BACKENDS,
    LANDMARK_BACKENDS,
    add_landmark_arguments,
    face_detector_config,
    landmark_config_from_args,
    landmark_detector_config,
)

__all__ = [
    'align_face', 'similarity_transform', 'BaseLandmarkDetector', 'Face',
    'box_of', 'BaseFaceDetector', 'DlibFaceDetector', 'FileFaceBoxes',
    'RetinaFaceDetector', 'S3FDFaceDetector', 'DlibLandmarkDetector',
    'FANLandmarkDetector', 'FileLandmarks', 'FACE_DETECTOR_BACKENDS',
    'LANDMARK_BACKENDS', 'add_landmark_arguments', 'face_detector_config',
    'landmark_config_from_args', 'landmark_detector_config'
]
