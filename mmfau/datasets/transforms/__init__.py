from .formatting import PackFAUInputs
from .geometric import (
    FaceCenterCrop,
    FaceRandomCrop,
    FaceRandomFlip,
    FaceResize,
)
from .loading import LoadFaceImage
from .regions import LandmarksToRegions

__all__ = [
    'PackFAUInputs', 'FaceCenterCrop', 'FaceRandomCrop',
    'FaceRandomFlip', 'FaceResize', 'LandmarksToRegions', 'LoadFaceImage'
]
