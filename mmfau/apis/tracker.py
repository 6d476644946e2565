"""Keeping one id per person across the frames of a video."""
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

import cv2
import numpy as np
from scipy.optimize import linear_sum_assignment

#: Side of the grey thumbnail that describes a face's appearance.
_THUMB = 16


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


def appearance(image: np.ndarray, landmarks: np.ndarray) -> np.ndarray:
    """A face's look as a unit vector: the grey thumbnail of its landmark
    box, with mean and contrast removed (robust to light changes)."""
    x1, y1 = np.floor(landmarks.min(0)).astype(int)
    x2, y2 = np.ceil(landmarks.max(0)).astype(int)
    height, width = image.shape[:2]
    x1, y1 = max(x1, 0), max(y1, 0)
    x2, y2 = min(max(x2, x1 + 1), width), min(max(y2, y1 + 1), height)
    patch = cv2.cvtColor(image[y1:y2, x1:x2], cv2.COLOR_BGR2GRAY)
    # to 4x the side first: area-averaging a whole face patch straight to
    # the thumbnail costs 5x more (on a real video's faces the thumbnails
    # differ by 0.6 grey levels on average)
    patch = cv2.resize(patch, (4 * _THUMB, 4 * _THUMB),
                       interpolation=cv2.INTER_LINEAR)
    thumb = cv2.resize(patch, (_THUMB, _THUMB),
                       interpolation=cv2.INTER_AREA).astype(np.float32)
    thumb = thumb.ravel() - thumb.mean()
    return thumb / max(float(np.linalg.norm(thumb)), 1e-6)


@dataclass
class _Track:
    id: int
    box: np.ndarray
    look: np.ndarray
    velocity: np.ndarray = field(default_factory=lambda: np.zeros(4))
    lost: int = 0

    def predicted(self) -> np.ndarray:
        """Where the box should be now, moving as it last moved."""
        return self.box + self.velocity * (self.lost + 1)


class FaceTracker:
    """Gives each face of a video frame the id of the person it continues.

    Each frame, the faces are assigned to the live tracks jointly (the
    Hungarian algorithm over all pairs, not greedily) by a cost that mixes
    the overlap with the track's predicted box (constant-velocity motion)
    and the similarity of appearance. A pair is allowed when the face lies
    near the prediction (within ``max_shift`` face widths) and looks alike
    (cosine at least ``min_look``). A track missed for up to ``max_lost``
    frames can still be continued; faces left over start new ids.

    Args:
        max_lost (int): Frames a track may be missing before it ends.
        max_shift (float): Largest distance, in face widths, between a
            track's predicted centre and a face it continues.
        min_look (float): Smallest appearance cosine of a continuation.
        look_weight (float): Weight of appearance against overlap in the
            cost.
    """

    def __init__(self,
                 max_lost: int = 15,
                 max_shift: float = 1.5,
                 min_look: float = 0.3,
                 look_weight: float = 1.0) -> None:
        self.max_lost = max_lost
        self.max_shift = max_shift
        self.min_look = min_look
        self.look_weight = look_weight
        self._tracks: List[_Track] = []
        self._next_id = 0

    def update(self, boxes: List[np.ndarray], landmarks: List[np.ndarray],
               image: Optional[np.ndarray] = None) -> List[int]:
        """Ids for this frame's faces, in their order.

        Args:
            boxes (list[np.ndarray]): Face boxes (x1, y1, x2, y2).
            landmarks (list[np.ndarray]): Their 68 landmarks.
            image (np.ndarray, optional): The BGR frame, for appearance;
                without it faces are matched by position alone.

        Returns:
            list[int]: One id per face.
        """
        boxes = [np.asarray(b, dtype=np.float64)[:4] for b in boxes]
        looks = [
            appearance(image, lm) if image is not None else np.zeros(1)
            for lm in landmarks
        ]
        ids = [-1] * len(boxes)
        if boxes and self._tracks:
            cost, allowed = self._costs(boxes, looks)
            rows, cols = linear_sum_assignment(cost)
            for i, j in zip(rows, cols):
                if allowed[i, j]:
                    ids[i] = self._continue(self._tracks[j], boxes[i],
                                            looks[i])
        for i, box in enumerate(boxes):
            if ids[i] == -1:
                self._tracks.append(_Track(self._next_id, box, looks[i]))
                ids[i] = self._next_id
                self._next_id += 1
        for track in self._tracks:
            if track.id not in ids:
                track.lost += 1
        self._tracks = [t for t in self._tracks if t.lost <= self.max_lost]
        return ids

    def _costs(self, boxes: List[np.ndarray], looks: List[np.ndarray]
               ) -> Tuple[np.ndarray, np.ndarray]:
        """Cost of each (face, track) pair and whether it is allowed."""
        predicted = np.stack([t.predicted() for t in self._tracks])
        overlap = box_iou(np.stack(boxes), predicted)
        look = np.array([[float(a @ t.look) if a.shape == t.look.shape
                          else 1.0 for t in self._tracks] for a in looks])
        centres = (np.stack(boxes)[:, None, :2] +
                   np.stack(boxes)[:, None, 2:]) / 2
        track_centres = (predicted[None, :, :2] + predicted[None, :, 2:]) / 2
        widths = (predicted[None, :, 2] - predicted[None, :, 0]).clip(1)
        shift = np.linalg.norm(centres - track_centres, axis=2) / widths
        allowed = (shift <= self.max_shift) & (look >= self.min_look)
        cost = (1 - overlap) + self.look_weight * (1 - look) + 0.1 * shift
        return np.where(allowed, cost, 1e6), allowed

    @staticmethod
    def _continue(track: _Track, box: np.ndarray, look: np.ndarray) -> int:
        steps = track.lost + 1
        track.velocity = 0.5 * track.velocity + 0.5 * (box - track.box) / steps
        track.box = box
        track.look = look
        track.lost = 0
        return track.id
