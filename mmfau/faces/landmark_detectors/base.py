"""The interface of 68-landmark backends, fed by a face detector."""
from dataclasses import dataclass
from typing import List, Optional, Sequence

import numpy as np

from mmfau.registry import FACE_DETECTORS


@dataclass
class Face:
    """One detected face.

    Attributes:
        box (np.ndarray): (x1, y1, x2, y2), continuous pixels.
        score (float): Detector confidence (higher is surer).
        landmarks (np.ndarray): (68, 2), continuous pixels (the centre of
            pixel ``i`` is ``i + 0.5``).
        keypoints (np.ndarray, optional): (5, 2) the face detector's
            keypoints (eyes, nose tip, mouth corners, in the order of
            ``face_detectors.base.KEYPOINTS``); None when it gives none.
    """
    box: np.ndarray
    score: float
    landmarks: np.ndarray
    keypoints: Optional[np.ndarray] = None

    @property
    def area(self) -> float:
        x1, y1, x2, y2 = self.box
        return float(max(x2 - x1, 0) * max(y2 - y1, 0))


class BaseLandmarkDetector:
    """Finds faces and their 68 landmarks in BGR images, in two stages: a
    face detector (any of ``FACE_DETECTORS``) gives boxes, then
    :meth:`refine` places the landmarks in each box.

    Subclasses implement :meth:`refine`; a backend that finds faces itself
    (landmarks from a file) overrides :meth:`detect_all` instead.
    :meth:`detect` applies the choice of faces.

    Args:
        keep (str): ``'largest'`` keeps the largest face of each image (the
            surest one among equal sizes); ``'all'`` keeps every face,
            largest first.
        face_detector (dict, optional): Config of the face detector.
    """

    def __init__(self,
                 keep: str = 'largest',
                 face_detector: Optional[dict] = None) -> None:
        if keep not in ('largest', 'all'):
            raise ValueError(f"keep must be 'largest' or 'all', got {keep!r}.")
        self.keep = keep
        self.face_detector = None if face_detector is None else \
            FACE_DETECTORS.build(face_detector)

    def detect_all(self,
                   images: Sequence[np.ndarray],
                   keys: Optional[Sequence[str]] = None) -> List[List[Face]]:
        """Every face of each image.

        Args:
            images (Sequence[np.ndarray]): BGR uint8 images (H, W, 3).
            keys (Sequence[str], optional): An identifier per image (its
                path); backends that read boxes or landmarks from a file
                need it.

        Returns:
            list[list[Face]]: Faces per image, possibly empty.
        """
        if self.face_detector is None:
            raise ValueError(f'{type(self).__name__} needs a face_detector.')
        return self.refine(images, keys,
                           self.face_detector.detect(images, keys))

    def refine(self, images: Sequence[np.ndarray],
               keys: Optional[Sequence[str]],
               boxes: Sequence[Sequence[np.ndarray]]) -> List[List[Face]]:
        """Landmarks of faces whose boxes are known (from the face detector
        or a previous video frame).

        Args:
            images (Sequence[np.ndarray]): BGR images.
            keys (Sequence[str], optional): Image identifiers.
            boxes (Sequence[Sequence[np.ndarray]]): Per image, the boxes
                (x1, y1, x2, y2), optionally followed by a score and the
                keypoints (rows of the face detectors).

        Returns:
            list[list[Face]]: One face per given box (backends that find
            faces themselves: the faces found).
        """
        return self.detect(images, keys)

    def looks_at(self, key: str) -> bool:
        """Whether this backend looks for faces in the frame named ``key``
        (a backend that reads landmarks from a file: whether the file has
        an entry for it); an empty result then means no face.

        Args:
            key (str): The frame's name, as landmark files name it.

        Returns:
            bool
        """
        return True

    def detect(self,
               images: Sequence[np.ndarray],
               keys: Optional[Sequence[str]] = None) -> List[List[Face]]:
        """Faces per image after the ``keep`` choice (an empty list when the
        image has no face)."""
        return [self.select(faces) for faces in self.detect_all(images, keys)]

    def select(self, faces: List[Face]) -> List[Face]:
        """Sort by size (then score) and keep the largest or all."""
        faces = sorted(faces, key=lambda f: (f.area, f.score), reverse=True)
        return faces[:1] if self.keep == 'largest' else faces


def box_of(landmarks: np.ndarray) -> np.ndarray:
    """The bounding box (x1, y1, x2, y2) of landmarks."""
    return np.concatenate([landmarks.min(axis=0), landmarks.max(axis=0)])
