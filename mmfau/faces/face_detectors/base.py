"""The interface of face detectors: boxes and scores per image."""
from typing import List, Optional, Sequence

import numpy as np


class BaseFaceDetector:
    """Finds face boxes in BGR images.

    Subclasses implement :meth:`detect_boxes` and name their
    ``box_convention``: detectors place boxes differently around a face
    (dlib's HOG: square, brows to chin; RetinaFace: taller, forehead to
    chin), and a landmark backend maps a box to the convention it was
    trained on before placing points in it.

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
            list[np.ndarray]: Per image, (n, 5) float32 rows (x1, y1, x2, y2,
            score) in continuous pixels.
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
    """Detections as an (n, 5) float32 array; a missing score is 1."""
    rows = [list(row)[:5] + [1.0] * (5 - len(row)) for row in rows]
    return np.asarray(rows, dtype=np.float32).reshape(-1, 5)
