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
    """A face's appearance as a unit vector: the grey thumbnail of its landmark
    box, with mean and contrast removed (robust to light changes). The part
    of the box outside the image (a face cut by the frame's edge) is filled
    with the visible part's mean grey, so that what is visible lands where
    it does in the whole face's thumbnail."""
    x1, y1 = np.floor(landmarks.min(0)).astype(int)
    x2, y2 = np.ceil(landmarks.max(0)).astype(int)
    x2, y2 = max(x2, x1 + 1), max(y2, y1 + 1)
    height, width = image.shape[:2]
    cx1, cy1 = min(max(x1, 0), width - 1), min(max(y1, 0), height - 1)
    cx2, cy2 = max(min(x2, width), cx1 + 1), max(min(y2, height), cy1 + 1)
    visible = cv2.cvtColor(image[cy1:cy2, cx1:cx2], cv2.COLOR_BGR2GRAY)
    patch = np.full((y2 - y1, x2 - x1), visible.mean(), np.float32)
    patch[cy1 - y1:cy1 - y1 + visible.shape[0],
          cx1 - x1:cx1 - x1 + visible.shape[1]] = visible
    # to 4x the side first: area-averaging a whole face patch straight to
    # the thumbnail costs 5x more (on a real video's faces the thumbnails
    # differ by 0.6 grey levels on average)
    patch = cv2.resize(patch, (4 * _THUMB, 4 * _THUMB),
                       interpolation=cv2.INTER_LINEAR)
    thumb = cv2.resize(patch, (_THUMB, _THUMB),
                       interpolation=cv2.INTER_AREA).astype(np.float32)
    thumb = thumb.ravel() - thumb.mean()
    return thumb / max(float(np.linalg.norm(thumb)), 1e-6)


def partial_views(boxes: np.ndarray,
                  image_size: Optional[Tuple[int, int]] = None
                  ) -> np.ndarray:
    """Which faces may show only part of themselves: boxes (N, 4) that
    touch the image's edge (when its (height, width) is given) or come
    within a tenth of a face width of another face's box."""
    widths = (boxes[:, 2] - boxes[:, 0]).clip(1)
    margin = 0.1 * widths
    partial = np.zeros(len(boxes), bool)
    if image_size is not None:
        height, width = image_size
        partial |= (boxes[:, 0] <= margin) | (boxes[:, 1] <= margin) | (
            boxes[:, 2] >= width - margin) | (boxes[:, 3] >= height - margin)
    grown = boxes + np.stack([-margin, -margin, margin, margin], axis=1)
    near = box_iou(grown, boxes) > 0
    np.fill_diagonal(near, False)
    return partial | near.any(axis=1)


@dataclass
class _Track:
    id: int
    box: np.ndarray
    appearance: np.ndarray
    velocity: np.ndarray = field(default_factory=lambda: np.zeros(4))
    lost: int = 0

    def predicted(self) -> np.ndarray:
        """Where the box should be now, moving as it last moved."""
        return self.box + self.velocity * (self.lost + 1)

    def shift(self, centres: np.ndarray) -> np.ndarray:
        """Distances (N, ) of face centres, in face widths, to where this
        person should be: moving on as it last moved, or (someone who
        stopped while unseen, e.g. after ducking) where it was last seen,
        whichever is nearer."""
        width = max(float(self.box[2] - self.box[0]), 1.0)
        return np.minimum(*(
            np.linalg.norm(centres - (box[:2] + box[2:]) / 2, axis=1)
            for box in (self.predicted(), self.box))) / width


class FaceIdentityTracker:
    """Gives each face of a video frame the id of the person it continues.

    Each frame, the faces are assigned to the live tracks jointly (the
    Hungarian algorithm over all pairs, not greedily) by a cost that mixes
    the overlap with the track's predicted box (constant-velocity motion)
    and the similarity of appearance. A pair is allowed when the face lies
    near the prediction (within ``max_shift`` face widths, a reach that
    grows by ``reach_growth`` of itself per frame the track was missed) and
    looks alike (cosine at least ``min_similarity``) or is a partial view
    (it touches the frame's edge or another face: a face cut by the frame's
    edge when ducking, or half behind another person, looks unlike its
    whole self but is where that person should be); or when the face lies
    within ``partial_shift`` face widths of where a track seen at most
    ``partial_frames`` frames ago should be, whatever it looks like. Where
    the person should be is where it was going, or where it was last seen
    (someone who stopped while unseen), whichever is nearer. A track keeps
    the appearance of its last view that resembled it (at least
    ``keep_similarity``), so that partial views do not wear its appearance
    away. A track missed for up to ``max_lost`` frames can still be
    continued (someone ducking or passing behind another for a second or
    two); faces left over start new ids.

    Args:
        max_lost (int): Frames a track may be missing before it ends.
        max_shift (float): Distance, in face widths, between a track's
            predicted centre and a face it continues, for a track seen in
            the frame before.
        min_similarity (float): Smallest appearance cosine of a
            continuation.
        appearance_weight (float): Weight of appearance against overlap in
            the cost.
        reach_growth (float): How much ``max_shift`` grows (a share of
            itself) per frame a track was missed.
        partial_shift (float): Distance, in face widths, within which a
            recently seen track is continued by position alone.
        partial_frames (int): How recently, in frames, a track must have
            been seen to be continued by position alone.
        keep_similarity (float): Smallest cosine with a track's appearance
            of a view that replaces it.
    """

    def __init__(self,
                 max_lost: int = 60,
                 max_shift: float = 1.5,
                 min_similarity: float = 0.3,
                 appearance_weight: float = 1.0,
                 reach_growth: float = 0.1,
                 partial_shift: float = 0.5,
                 partial_frames: int = 2,
                 keep_similarity: float = 0.6) -> None:
        self.max_lost = max_lost
        self.max_shift = max_shift
        self.min_similarity = min_similarity
        self.appearance_weight = appearance_weight
        self.reach_growth = reach_growth
        self.partial_shift = partial_shift
        self.partial_frames = partial_frames
        self.keep_similarity = keep_similarity
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
        appearances = [
            appearance(image, lm) if image is not None else np.zeros(1)
            for lm in landmarks
        ]
        ids = [-1] * len(boxes)
        if boxes and self._tracks:
            cost, allowed = self._costs(
                boxes, appearances, None if image is None else image.shape[:2])
            rows, cols = linear_sum_assignment(cost)
            for i, j in zip(rows, cols):
                if allowed[i, j]:
                    ids[i] = self._continue(self._tracks[j], boxes[i],
                                            appearances[i])
        for i, box in enumerate(boxes):
            if ids[i] == -1:
                self._tracks.append(_Track(self._next_id, box, appearances[i]))
                ids[i] = self._next_id
                self._next_id += 1
        for track in self._tracks:
            if track.id not in ids:
                track.lost += 1
        self._tracks = [t for t in self._tracks if t.lost <= self.max_lost]
        return ids

    def _costs(self, boxes: List[np.ndarray], appearances: List[np.ndarray],
               image_size: Optional[Tuple[int, int]] = None
               ) -> Tuple[np.ndarray, np.ndarray]:
        """Cost of each (face, track) pair and whether it is allowed."""
        boxes = np.stack(boxes)
        predicted = np.stack([t.predicted() for t in self._tracks])
        overlap = box_iou(boxes, predicted)
        similarity = np.array([[
            float(a @ t.appearance) if a.shape == t.appearance.shape else 1.0
            for t in self._tracks] for a in appearances])
        centres = (boxes[:, :2] + boxes[:, 2:]) / 2
        shift = np.stack([t.shift(centres) for t in self._tracks], axis=1)
        lost = np.array([t.lost for t in self._tracks])[None, :]
        reach = self.max_shift * (1 + self.reach_growth * lost)
        partial = partial_views(boxes, image_size)[:, None]
        alike = similarity >= self.min_similarity
        allowed = (shift <= reach) & (alike | partial) | (
            (shift <= self.partial_shift) & (lost < self.partial_frames))
        cost = (1 - overlap) + self.appearance_weight * (1 - similarity) + \
            0.1 * shift
        return np.where(allowed, cost, 1e6), allowed

    def _continue(self, track: _Track, box: np.ndarray,
                  new_appearance: np.ndarray) -> int:
        steps = track.lost + 1
        track.velocity = 0.5 * track.velocity + 0.5 * (box - track.box) / steps
        track.box = box
        if new_appearance.shape != track.appearance.shape or \
                float(new_appearance @ track.appearance) >= \
                self.keep_similarity:
            track.appearance = new_appearance
        track.lost = 0
        return track.id
