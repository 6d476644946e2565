from .formatting import UNKNOWN_LABEL, PackFAUInputs
from .geometric import (FaceCenterCrop, FaceRandomCrop, FaceRandomFlip,
                        FaceResize)
from .loading import LoadFaceImage
from .regions import LandmarksToRegions

__all__ = [
    'UNKNOWN_LABEL', 'PackFAUInputs', 'FaceCenterCrop', 'FaceRandomCrop',
    'FaceRandomFlip', 'FaceResize', 'LandmarksToRegions', 'LoadFaceImage'
]
