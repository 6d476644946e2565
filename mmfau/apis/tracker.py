"""Keeping one id per person across the frames of a video."""
from typing import Dict, List

import numpy as np


def box_iou(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """IoU of boxes a (N, 4) and b (M, 4), shape (N, M)."""
    a = np.asarray(a, dtype=np.float64).reshape(-1, 4)
    b = np.asarray(b, dtype=np.float64).reshape(-1, 4)
    x1 = np.maximum(a[:, None, 0], b[None, :, 0])
    y1 = np.maximum(a[:, None, 1], b[None, :, 1])
    x2 = np.minimum(a[:, None, 2], b[None, :, 2])
    y2 = np.minimum(a[:, None, 3], b[None, :, 3])
    inter = (x2 - x1).clip(0) * (y2 - y1).clip(0)
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    return inter / np.maximum(area_a[:, None] + area_b[None] - inter, 1e-9)


class IoUTracker:
    """Greedy IoU matching of each frame's faces to the last known boxes.

    A face overlapping a recent track by at least ``min_iou`` takes its id
    (best overlaps first); other faces start new ids. A track unseen for
    more than ``max_lost`` frames is forgotten.

    Args:
        min_iou (float): Overlap needed to continue a track.
        max_lost (int): Frames a track may be missing before it ends.
    """

    def __init__(self, min_iou: float = 0.3, max_lost: int = 30) -> None:
        self.min_iou = min_iou
        self.max_lost = max_lost
        self._tracks: Dict[int, dict] = {}
        self._next_id = 0

    def update(self, boxes: List[np.ndarray]) -> List[int]:
        """Ids for this frame's boxes, in their order."""
        ids = [-1] * len(boxes)
        track_ids = list(self._tracks)
        if boxes and track_ids:
            iou = box_iou(
                np.stack(boxes),
                np.stack([self._tracks[t]['box'] for t in track_ids]))
            for flat in np.argsort(-iou, axis=None):
                i, j = np.unravel_index(flat, iou.shape)
                if iou[i, j] < self.min_iou:
                    break
                if ids[i] == -1 and track_ids[j] not in ids:
                    ids[i] = track_ids[j]
        for i, box in enumerate(boxes):
            if ids[i] == -1:
                ids[i] = self._next_id
                self._next_id += 1
            self._tracks[ids[i]] = dict(box=np.asarray(box), lost=0)
        for track_id in list(self._tracks):
            if track_id not in ids:
                self._tracks[track_id]['lost'] += 1
                if self._tracks[track_id]['lost'] > self.max_lost:
                    del self._tracks[track_id]
        return ids
