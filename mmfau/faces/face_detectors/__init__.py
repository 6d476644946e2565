from .base import BaseFaceDetector, as_boxes
from .dlib_hog import DlibFaceDetector
from .file_boxes import FileFaceBoxes
from .neural import RetinaFaceDetector, S3FDFaceDetector

__all__ = [
    'BaseFaceDetector', 'as_boxes', 'DlibFaceDetector', 'FileFaceBoxes',
    'RetinaFaceDetector', 'S3FDFaceDetector'
]
