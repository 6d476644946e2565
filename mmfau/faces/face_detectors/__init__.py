from .base import (
    KEYPOINTS,
    NUM_COLUMNS,
    BaseFaceDetector,
    as_boxes,
    keypoints_of,
)
from .dlib_hog import DlibFaceDetector
from .file_boxes import FileFaceBoxes
from .neural import RetinaFaceDetector, S3FDFaceDetector
from .scales import merge_scales

__all__ = [
    'BaseFaceDetector', 'as_boxes', 'keypoints_of', 'KEYPOINTS',
    'NUM_COLUMNS', 'DlibFaceDetector', 'FileFaceBoxes', 'RetinaFaceDetector',
    'S3FDFaceDetector', 'merge_scales'
]
