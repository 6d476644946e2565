"""Where dlib's HOG detector would put its box on a face that another
detector found: from that detector's box, or better from its keypoints.

dlib's 68-point predictor was trained on HOG boxes, and its points follow
the box it is given: on the faces of the real test kit, moving dlib's own
box by 2 % of its width moves the points by a median 0.8 % of the
inter-ocular distance (5 % on its most turned face). A box placed from the
eyes and mouth follows a turned face, which a fixed shift of the
detector's box does not: on the 94 faces both detectors find, the points
then differ from those in dlib's own box by a median 0.86 % (the box
mapped: 1.0 %), and by 4.8 % on the most turned face (the box mapped:
39 %) (``docs/benchmarks/box_mapping_realfaces.json``).
"""
from typing import Optional, Tuple

import numpy as np

from ..face_detectors.base import keypoints_of

#: Where dlib's HOG box sits relative to another detector's box of the
#: same face: centre shift (x by the box width, y by its height) and size
#: (width and height ratios). Medians over the 82 faces of the real test
#: kit that both detectors find (tools/analysis_tools/fit_box_mapping.py);
#: S3FD's could not be measured here (its weights need the network).
HOG_BOX_FROM = {
    'retinaface': (-0.008, 0.063, 1.057, 0.753),
}

#: Where dlib's HOG box sits relative to another detector's keypoints:
#: centre shift from the middle of the eyes' and the mouth corners'
#: midpoints (x, y, by the face's scale, :func:`face_frame`) and side (by
#: the face's scale). Medians over the 94 faces of the real test kit that
#: both detectors find (tools/analysis_tools/fit_box_mapping.py).
HOG_BOX_FROM_KEYPOINTS = {
    'retinaface': (-0.022, 0.001, 2.284),
}

#: Eye distance, by the distance from the eyes' midpoint to the mouth's,
#: under which a face is in profile: RetinaFace then puts both eyes on the
#: visible one and its keypoints no longer span the face (the officer of
#: the test kit's war photograph: 0.03; points placed from them fell off
#: his face, those from the mapped box stay on it), so its box places
#: dlib's box. Frontal faces measure about 1; the most turned face both
#: detectors find in the test kit, 0.54.
PROFILE_EYES = 0.4


def to_hog_box(box: np.ndarray, mapping: tuple) -> np.ndarray:
    """A box of another detector in dlib's HOG convention.

    Args:
        box (np.ndarray): (x1, y1, x2, y2).
        mapping (tuple): (dx, dy, width ratio, height ratio), as
            :data:`HOG_BOX_FROM`.

    Returns:
        np.ndarray: (x1, y1, x2, y2), float32.
    """
    dx, dy, sw, sh = mapping
    width, height = box[2] - box[0], box[3] - box[1]
    cx = (box[0] + box[2]) / 2 + dx * width
    cy = (box[1] + box[3]) / 2 + dy * height
    half = np.array([sw * width, sh * height]) / 2
    return np.concatenate([[cx, cy] - half, [cx, cy] + half]).astype(
        np.float32)


def _spans(
        keypoints: np.ndarray) -> Tuple[np.ndarray, np.ndarray, float, float]:
    """The eyes' and the mouth corners' midpoints, the distance between the
    eyes and that from their midpoint to the mouth's."""
    keypoints = np.asarray(keypoints, dtype=np.float64)
    eyes = (keypoints[0] + keypoints[1]) / 2
    mouth = (keypoints[3] + keypoints[4]) / 2
    return (eyes, mouth, float(np.linalg.norm(keypoints[1] - keypoints[0])),
            float(np.linalg.norm(mouth - eyes)))


def face_frame(keypoints: np.ndarray) -> Tuple[np.ndarray, float]:
    """A face's centre and scale from its five keypoints.

    The centre is halfway between the eyes' midpoint and the mouth
    corners' midpoint; the scale is the quadratic mean of the distance
    between the eyes and the distance from their midpoint to the mouth's:
    a head turned sideways shrinks the first, one tilted up or down the
    second, so the scale shrinks less than either.

    Args:
        keypoints (np.ndarray): (5, 2) eyes, nose tip, mouth corners, in
            the order of ``face_detectors.base.KEYPOINTS``.

    Returns:
        tuple[np.ndarray, float]: The centre (x, y) and the scale.
    """
    eyes, mouth, eye_distance, eye_to_mouth = _spans(keypoints)
    return (eyes + mouth) / 2, float(
        np.sqrt((eye_distance**2 + eye_to_mouth**2) / 2))


def in_profile(keypoints: np.ndarray) -> bool:
    """Whether keypoints show a face in profile (:data:`PROFILE_EYES`).

    Args:
        keypoints (np.ndarray): (5, 2) eyes, nose tip, mouth corners.

    Returns:
        bool
    """
    _, _, eye_distance, eye_to_mouth = _spans(keypoints)
    return bool(eye_distance < PROFILE_EYES * eye_to_mouth)


def hog_box_from_keypoints(keypoints: np.ndarray,
                           mapping: tuple) -> np.ndarray:
    """dlib's HOG box (square) of a face, placed from its keypoints.

    Args:
        keypoints (np.ndarray): (5, 2) eyes, nose tip, mouth corners.
        mapping (tuple): (dx, dy, side), as :data:`HOG_BOX_FROM_KEYPOINTS`.

    Returns:
        np.ndarray: (x1, y1, x2, y2), float32.
    """
    dx, dy, side = mapping
    centre, scale = face_frame(keypoints)
    centre = centre + scale * np.array([dx, dy])
    half = side * scale / 2
    return np.concatenate([centre - half, centre + half]).astype(np.float32)


def hog_search_box(row: np.ndarray, convention: Optional[str]) -> np.ndarray:
    """The HOG box dlib's predictor gets for a face detector's row.

    Placed from the detector's keypoints where the row has them, the face
    is not :func:`in_profile` and :data:`HOG_BOX_FROM_KEYPOINTS` knows the
    convention; else mapped from its box where :data:`HOG_BOX_FROM` knows
    the convention; else the box as it is.

    Args:
        row (np.ndarray): (x1, y1, x2, y2), optionally followed by a score
            and the keypoints (a face detector's row).
        convention (str, optional): The detector's ``box_convention``.

    Returns:
        np.ndarray: (x1, y1, x2, y2), float32.
    """
    keypoints = keypoints_of(row)
    if keypoints is not None and not in_profile(keypoints) and \
            convention in HOG_BOX_FROM_KEYPOINTS:
        return hog_box_from_keypoints(keypoints,
                                      HOG_BOX_FROM_KEYPOINTS[convention])
    if convention in HOG_BOX_FROM:
        return to_hog_box(row[:4], HOG_BOX_FROM[convention])
    return np.asarray(row[:4], dtype=np.float32)
