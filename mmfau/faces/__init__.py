"""The face stage, from what a user passes to aligned, followed faces:
reading inputs, face detectors, 68-landmark backends, the landmark scheme,
the face geometry, alignment, and following and tracking faces over frames.
"""
from .alignment import align_face, similarity_transform
from .backends import (
    FACE_DETECTOR_BACKENDS,
    LANDMARK_BACKENDS,
    face_detector_config,
    landmark_detector_config,
)
from .face_detectors import (
    BaseFaceDetector,
    DlibFaceDetector,
    FileFaceBoxes,
    RetinaFaceDetector,
    S3FDFaceDetector,
)
from .geometry import GEOMETRY_KEY, FaceGeometry
from .identity_tracker import FaceIdentityTracker, box_iou
from .image_reading import read_image, to_bgr8
from .input_paths import LINK_LOOP, MISSING, expand_inputs
from .inputs import (
    EMPTY,
    LANDMARKS_OUTSIDE,
    NO_FACE,
    NO_LANDMARKS,
    OK,
    SKIPPED,
    TRUNCATED,
    UNREADABLE,
    Frame,
    iterate_frames,
)
from .keyframe_face_finder import KeyframeFaceFinder
from .landmark_detectors import (
    BaseLandmarkDetector,
    DlibLandmarkDetector,
    Face,
    FANLandmarkDetector,
    FileLandmarks,
    box_of,
)
from .landmark_scheme import CANONICAL_FACE, NUM_LANDMARKS

__all__ = [
    'BaseFaceDetector', 'BaseLandmarkDetector', 'CANONICAL_FACE',
    'DlibFaceDetector', 'DlibLandmarkDetector', 'EMPTY',
    'FACE_DETECTOR_BACKENDS',
    'FANLandmarkDetector', 'Face', 'FaceGeometry', 'FaceIdentityTracker',
    'FileFaceBoxes', 'FileLandmarks', 'Frame', 'GEOMETRY_KEY',
    'KeyframeFaceFinder',
    'LANDMARKS_OUTSIDE', 'LANDMARK_BACKENDS', 'LINK_LOOP', 'MISSING',
    'NO_FACE', 'NO_LANDMARKS', 'NUM_LANDMARKS', 'OK', 'RetinaFaceDetector',
    'S3FDFaceDetector', 'SKIPPED', 'TRUNCATED',
    'UNREADABLE', 'align_face', 'box_iou', 'box_of', 'face_detector_config',
    'expand_inputs', 'iterate_frames', 'landmark_detector_config',
    'read_image', 'similarity_transform', 'to_bgr8'
]
