"""Face boxes read from a JSON file (a detector run elsewhere)."""
import json
import os.path as osp
from typing import List, Optional, Sequence

import numpy as np

from mmfau.registry import FACE_DETECTORS

from .base import BaseFaceDetector, as_boxes


@FACE_DETECTORS.register_module()
class FileFaceBoxes(BaseFaceDetector):
    """Boxes from a JSON file mapping an image key to a list of
    ``[x1, y1, x2, y2]`` or ``[x1, y1, x2, y2, score]`` (an empty list: no
    face). Keys are those of the landmark files: the image's file name, or
    ``<video file name>/<frame index>``.

    Args:
        path (str): The JSON file.
        min_score (float): Boxes scoring below this are dropped.
    """

    def __init__(self, path: str, min_score: float = 0.0) -> None:
        super().__init__(min_score)
        if not osp.isfile(path):
            raise FileNotFoundError(f'{path}: face box file does not exist.')
        with open(path) as f:
            try:
                table = json.load(f)
            except json.JSONDecodeError as err:
                raise ValueError(f'{path}: not a JSON file ({err}).') from err
        self.path = path
        self._boxes = {}
        for key, rows in table.items():
            if any(len(row) not in (4, 5) for row in rows or []):
                raise ValueError(f'{path}, {key!r}: each box is [x1, y1, '
                                 'x2, y2] or [x1, y1, x2, y2, score].')
            boxes = as_boxes(rows or [])  # no keypoints: NaN
            bad = ~np.isfinite(boxes[:, :5]).all(1) | \
                (boxes[:, 2] <= boxes[:, 0]) | (boxes[:, 3] <= boxes[:, 1])
            if bad.any():
                raise ValueError(f'{path}, {key!r}: boxes must be finite '
                                 '[x1, y1, x2, y2(, score)] with x2 > x1 and '
                                 f'y2 > y1, got {boxes[bad, :5].tolist()}.')
            self._boxes[key] = boxes

    def detect_boxes(self,
                     images: Sequence[np.ndarray],
                     keys: Optional[Sequence[str]] = None
                     ) -> List[np.ndarray]:
        if keys is None:
            raise ValueError('FileFaceBoxes needs each image\'s key.')
        missing = [k for k in keys if k not in self._boxes]
        if missing:
            raise ValueError(f'{self.path} has no boxes for {missing[:5]}.')
        return [self._boxes[key] for key in keys]
