"""The interface of face detectors: boxes, scores and keypoints per
image."""
from typing import List, Optional, Sequence

import numpy as np

#: Columns of a detection row: the box (x1, y1, x2, y2), its score, then
#: the five keypoints as (x, y) pairs (:data:`KEYPOINTS`).
NUM_COLUMNS = 15

#: The keypoints, in the order of columns 5-14 (x, y each), as RetinaFace
#: gives them: the eyes, the nose tip, the mouth corners; of each pair, the
#: one on the image's left first (a frontal face's right eye and corner).
KEYPOINTS = ('left_eye', 'right_eye', 'nose', 'left_mouth', 'right_mouth')


class BaseFaceDetector:
    """Finds face boxes in BGR images.

    Subclasses implement :meth:`detect_boxes` and name their
    ``box_convention``: detectors place boxes differently around a face
    (dlib's HOG: square, brows to chin; RetinaFace: taller, forehead to
    chin), and a landmark backend maps a box to the convention it was
    trained on before placing points in it. A detector that also finds
    keypoints (RetinaFace: eyes, nose tip, mouth corners) gives them with
    each box, and a backend that knows them places its points from them.

    A detection is a row of :data:`NUM_COLUMNS` float32: (x1, y1, x2, y2,
    score) in continuous pixels, then the :data:`KEYPOINTS` as (x, y)
    pairs, NaN where the detector finds none (dlib's HOG, S3FD, boxes from
    a file). Code that reads only the box and score reads the first five
    columns; :func:`as_boxes` builds rows from shorter ones.

    Args:
        min_score (float): Boxes scoring below this are dropped.
    """

    #: How this detector's boxes sit on a face; ``'as_given'`` for boxes
    #: of unknown origin, which no backend changes.
    box_convention: str = 'as_given'

    def __init__(self, min_score: float = 0.0) -> None:
        self.min_score = min_score

    def detect_boxes(self,
                     images: Sequence[np.ndarray],
                     keys: Optional[Sequence[str]] = None
                     ) -> List[np.ndarray]:
        """Every face box of each image.

        Args:
            images (Sequence[np.ndarray]): BGR uint8 images (H, W, 3).
            keys (Sequence[str], optional): An identifier per image; the
                file-based detector needs it.

        Returns:
            list[np.ndarray]: Per image, (n, :data:`NUM_COLUMNS`) float32
            rows (x1, y1, x2, y2, score, keypoints...) in continuous
            pixels.
        """
        raise NotImplementedError

    def detect(self,
               images: Sequence[np.ndarray],
               keys: Optional[Sequence[str]] = None) -> List[np.ndarray]:
        """:meth:`detect_boxes`, without the boxes under ``min_score``."""
        return [
            boxes[boxes[:, 4] >= self.min_score]
            for boxes in self.detect_boxes(images, keys)
        ]


def as_boxes(rows) -> np.ndarray:
    """Detections as an (n, :data:`NUM_COLUMNS`) float32 array.

    Args:
        rows: Rows of 4 (a box), 5 (and its score) or :data:`NUM_COLUMNS`
            (and its keypoints) numbers.

    Returns:
        np.ndarray: The rows; a missing score is 1, missing keypoints are
        NaN.
    """
    if isinstance(rows, np.ndarray) and rows.ndim == 2 and \
            rows.shape[1] == NUM_COLUMNS:
        return rows.astype(np.float32)
    filled = []
    for row in rows:
        row = list(row)[:NUM_COLUMNS]
        if len(row) < 5:
            row += [1.0] * (5 - len(row))
        filled.append(row + [np.nan] * (NUM_COLUMNS - len(row)))
    return np.asarray(filled, dtype=np.float32).reshape(-1, NUM_COLUMNS)


def keypoints_of(row: np.ndarray) -> Optional[np.ndarray]:
    """The keypoints of a detection row, when it has them all.

    Args:
        row (np.ndarray): A detection: (x1, y1, x2, y2), optionally a score
            and the :data:`KEYPOINTS` coordinates.

    Returns:
        np.ndarray, optional: (5, 2) float32 (x, y) in :data:`KEYPOINTS`
        order; None when the row has none or some are NaN.
    """
    if len(row) < NUM_COLUMNS:
        return None
    points = np.asarray(row[5:NUM_COLUMNS], dtype=np.float32).reshape(5, 2)
    return points if np.isfinite(points).all() else None
