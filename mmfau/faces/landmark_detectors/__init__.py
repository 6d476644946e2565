from .base import BaseLandmarkDetector, Face, box_of
from .dlib_detector import DlibLandmarkDetector
from .fan_detector import FANLandmarkDetector
from .file_detector import FileLandmarks

__all__ = [
    'BaseLandmarkDetector', 'Face', 'box_of', 'DlibLandmarkDetector',
    'FANLandmarkDetector', 'FileLandmarks'
]
