"""What inference returns: one :class:`FrameResult` per frame, holding one
:class:`FaceResult` per face."""
from dataclasses import dataclass, field
from typing import List, Optional

import numpy as np


@dataclass
class CalibratedScores:
    """A face's AU outputs judged against the person's own baseline
    (:class:`mmfau.calibration.PersonCalibration`), beside the raw ones.

    Attributes:
        probabilities (np.ndarray): (K, ) calibrated probability of each AU.
        present (np.ndarray): (K, ) bool, at the model's thresholds.
        intensity (np.ndarray, optional): (K, ) calibrated intensity 0-5.
        frames (int): Of the person's frames, how many the baseline came
            from.
    """
    probabilities: np.ndarray
    present: np.ndarray
    intensity: Optional[np.ndarray]
    frames: int


@dataclass
class FaceResult:
    """One face of a frame.

    Attributes:
        id (int): The person's id: tracked across a video's frames,
            numbered largest first within a photograph.
        box (np.ndarray): (x1, y1, x2, y2) in the frame.
        face_score (float): The face detector's confidence in the box.
        landmarks (np.ndarray): (68, 2) in the frame.
        crop (np.ndarray, optional): The aligned face (BGR), when asked for.
        crop_landmarks (np.ndarray): (68, 2) in the aligned face.
        region_boxes (np.ndarray): (R, 4) judgment regions in the aligned
            face.
        probabilities (np.ndarray): (K, ) probability of each AU.
        present (np.ndarray): (K, ) bool, ``probabilities >= threshold``.
        threshold (np.ndarray): (K, ) the model's presence thresholds.
        intensity (np.ndarray, optional): (K, ) FACS intensity 0-5, from
            models that estimate it.
        calibrated (CalibratedScores, optional): The same judged against
            the person's own baseline, when calibration was asked for and
            applied.
    """
    id: int
    box: np.ndarray
    face_score: float
    landmarks: np.ndarray
    crop: Optional[np.ndarray] = None
    crop_landmarks: Optional[np.ndarray] = None
    region_boxes: Optional[np.ndarray] = None
    probabilities: Optional[np.ndarray] = None
    present: Optional[np.ndarray] = None
    threshold: Optional[np.ndarray] = None
    intensity: Optional[np.ndarray] = None
    calibrated: Optional[CalibratedScores] = None


@dataclass
class FrameResult:
    """One frame of an input.

    Attributes:
        input (str): Its path, pattern, ``camera:<i>`` or ``array:<i>``.
        kind (str): ``image``, ``video``, ``sequence`` or ``camera``.
        frame (int): Index within the input, from 0.
        time (float): Seconds from the input's start.
        status (str): ``ok``, ``no_face``, ``landmarks_outside_image``,
            ``unreadable`` or ``truncated`` (:mod:`mmfau.faces.inputs`).
        faces (list[FaceResult]): Empty unless the status is ``ok``.
        message (str, optional): What went wrong, naming the file, for an
            unreadable or truncated input.
        image (np.ndarray, optional): The frame (BGR), when asked for.
    """
    input: str
    kind: str
    frame: int
    time: float
    status: str
    faces: List[FaceResult] = field(default_factory=list)
    message: Optional[str] = None
    image: Optional[np.ndarray] = None
