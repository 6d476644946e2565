from .alignment import align_face, similarity_transform
from .base import BaseLandmarkDetector, Face, box_of
from .dlib_detector import DlibLandmarkDetector
from .fan_detector import FANLandmarkDetector
from .file_detector import FileLandmarks
from .selection import (
                        LANDMARK_BACKENDS,
                        add_landmark_arguments,
                        landmark_config_from_args,
                        landmark_detector_config,
)

__all__ = [
    'align_face', 'similarity_transform', 'BaseLandmarkDetector', 'Face',
    'box_of', 'DlibLandmarkDetector', 'FANLandmarkDetector', 'FileLandmarks',
    'LANDMARK_BACKENDS', 'add_landmark_arguments',
    'landmark_config_from_args', 'landmark_detector_config'
]
