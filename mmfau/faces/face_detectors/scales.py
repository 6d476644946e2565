"""One face, one box: a face detector's boxes at several image scales
merged, each face kept from the scale that sees it whole and confirmed by
the coarser scales that can see it."""
from typing import Sequence, Tuple

import numpy as np

#: Overlap (IoU) above which a box and a box of a coarser scale are the
#: same face seen twice. The real test photographs' faces, found at full
#: and half size, overlap by 0.71 to 0.96, and the officer in profile of
#: the war photograph by 0.60.
SAME_FACE_IOU = 0.5

#: Share of a box's area inside a coarser scale's larger face above which
#: it is a part of that face (an eye, a cheek and mouth: what a detector
#: finds on a face wider than it can see whole).
PART_OF_FACE = 0.5


def merge_scales(levels: Sequence[Tuple[np.ndarray, float]],
                 largest_face: float, checked_face: float) -> np.ndarray:
    """Detections of one image at several scales, as one box per face.

    From the coarsest scale to the finest, each scale's boxes are matched
    with the faces found so far:

    - the same face (IoU above :data:`SAME_FACE_IOU`) as one the next
      coarser scale found, at most ``largest_face`` wide at this scale:
      the finer box replaces the coarser one (it is the more precise),
      with the surer score;
    - a part of a face wider than ``largest_face`` at this scale (mostly
      inside it, :data:`PART_OF_FACE`): dropped, the face keeps its
      coarser, whole box;
    - a new box that would be at least ``checked_face`` wide at the next
      coarser scale, where the detector would have found it too had it
      been a face: dropped (what looks like a face only at one scale:
      texture, a pattern, an upscaled photograph's artefacts);
    - a new box too small for the coarser scale: a face of its own.

    Args:
        levels (Sequence[tuple[np.ndarray, float]]): Per scale, from the
            finest to the coarsest, the detection rows (n, 5 or more:
            x1, y1, x2, y2, score, ...) in the image's pixels, and the
            scale the image was searched at (0.5: half its size).
        largest_face (float): Width in pixels, at the network's input, of
            the widest face it finds whole.
        checked_face (float): Width in pixels, at the network's input,
            from which a face is surely found.

    Returns:
        np.ndarray: The faces' rows, surest first.
    """
    faces = np.asarray(levels[-1][0], dtype=np.float32)
    seen = np.ones(len(faces), bool)
    for (rows, scale), (_, coarser) in zip(levels[-2::-1],
                                           levels[:0:-1]):
        faces, seen = _merge_level(faces, seen,
                                   np.asarray(rows, dtype=np.float32),
                                   scale, coarser, largest_face,
                                   checked_face)
    return faces[np.argsort(-faces[:, 4], kind='stable')]


def _merge_level(faces: np.ndarray, seen: np.ndarray, rows: np.ndarray,
                 scale: float, coarser: float, largest_face: float,
                 checked_face: float) -> Tuple[np.ndarray, np.ndarray]:
    """The faces found at coarser scales, with the boxes of one finer
    scale merged in (rules of :func:`merge_scales`); ``seen`` marks the
    faces the next coarser scale found, and the result's those this one
    found."""
    overlap, inside = _overlaps(rows[:, :4], faces[:, :4])
    too_wide = (faces[:, 2] - faces[:, 0]) * scale > largest_face
    merged = faces.copy()
    found = np.zeros(len(faces), bool)
    new = []
    for i in np.argsort(-rows[:, 4], kind='stable'):
        same = np.where((overlap[i] > SAME_FACE_IOU) & seen & ~too_wide)[0]
        if len(same):
            j = same[overlap[i, same].argmax()]
            if not found[j]:  # else a second box on it: a duplicate
                found[j] = True
                merged[j] = rows[i]
                merged[j, 4] = max(rows[i, 4], faces[j, 4])
            continue
        if (too_wide & (inside[i] > PART_OF_FACE)).any():
            found |= too_wide & (inside[i] > PART_OF_FACE)
            continue
        if (rows[i, 2] - rows[i, 0]) * coarser < checked_face:
            new.append(rows[i])
    new = np.asarray(new, dtype=np.float32).reshape(-1, faces.shape[1])
    return (np.concatenate([merged, new]),
            np.concatenate([found, np.ones(len(new), bool)]))


def _overlaps(boxes: np.ndarray,
              others: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """IoU of each box with each other box, and the share of each box's
    area inside each other box; both (len(boxes), len(others))."""
    top_left = np.maximum(boxes[:, None, :2], others[None, :, :2])
    bottom_right = np.minimum(boxes[:, None, 2:4], others[None, :, 2:4])
    inter = np.clip(bottom_right - top_left, 0, None).prod(-1)
    area = (boxes[:, 2:4] - boxes[:, :2]).prod(-1)
    other_area = (others[:, 2:4] - others[:, :2]).prod(-1)
    union = area[:, None] + other_area[None] - inter
    return (inter / np.maximum(union, 1e-9),
            inter / np.maximum(area[:, None], 1e-9))
