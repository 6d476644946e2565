"""Landmark geometry of the synthetic faces: a 68-point template, per-subject
identity, and the landmark movements of each AU.

Coordinates are in a normalised face frame: x and y in [0, 1] across a square
head box, y pointing down. The renderer maps them to pixels.
"""
from typing import Dict, List, Tuple

import numpy as np

from mmfau.faces.landmark_scheme import (
    CANONICAL_FACE,
    FLIP_INDICES,
    NUM_LANDMARKS,
)

#: AU -> [(landmark indices, (dx, dy) per unit intensity)] for the subject's
#: right side; the left side is mirrored automatically.
AU_MOVES: Dict[int, List[Tuple[Tuple[int, ...], Tuple[float, float]]]] = {
    1: [((21, ), (0.0, -0.04)), ((20, ), (0.0, -0.032)),
        ((19, ), (0.0, -0.018)), ((18, ), (0.0, -0.006))],
    2: [((17, ), (0.0, -0.05)), ((18, ), (0.0, -0.042)),
        ((19, ), (0.0, -0.02))],
    4: [((17, 18, 19), (0.004, 0.022)), ((20, ), (0.012, 0.028)),
        ((21, ), (0.02, 0.03))],
    6: [((40, 41), (0.0, -0.006))],
    7: [((40, 41), (0.0, -0.016)), ((37, 38), (0.0, 0.007))],
    9: [((31, 32, 33), (0.0, -0.014)), ((30, ), (0.0, -0.007)),
        ((50, 51), (0.0, -0.006))],
    10: [((50, 51), (0.0, -0.02)), ((49, ), (0.0, -0.012)),
         ((61, 62), (0.0, -0.016))],
    12: [((48, ), (-0.024, -0.03)), ((60, ), (-0.02, -0.026)),
         ((49, 59), (-0.01, -0.014)), ((61, 67), (-0.006, -0.008))],
    14: [((48, ), (0.012, 0.0)), ((60, ), (0.01, 0.0))],
    15: [((48, ), (0.0, 0.03)), ((60, ), (0.0, 0.024)),
         ((59, ), (0.0, 0.012))],
    17: [((57, 58, 59), (0.0, -0.014)), ((66, 67), (0.0, -0.01)),
         ((7, 8), (0.0, -0.01))],
    23: [((48, ), (0.022, 0.0)), ((60, ), (0.02, 0.0)),
         ((49, 59), (0.01, 0.0))],
    25: [((61, 62), (0.0, -0.005)), ((66, 67), (0.0, 0.022)),
         ((57, 58, 59), (0.0, 0.014))],
    26: [((8, ), (0.0, 0.07)), ((6, 7), (0.0, 0.055)), ((5, ), (0.0, 0.035)),
         ((4, ), (0.0, 0.015)), ((57, 58, 59), (0.0, 0.045)),
         ((66, 67), (0.0, 0.045))],
}

#: Lip thinning of AU 23 (lip tightener) and AU 24 (lip presser): the share
#: of the red-lip height removed at full intensity.
LIP_THINNING = {23: 0.6, 24: 0.4}

_UPPER_OUTER_TO_INNER = {49: 61, 50: 61, 51: 62, 52: 63, 53: 63}
_LOWER_OUTER_TO_INNER = {55: 65, 56: 65, 57: 66, 58: 67, 59: 67}


def _mirror_moves() -> Dict[int, np.ndarray]:
    """Per-AU displacement fields of shape (68, 2), both sides."""
    fields = {}
    for au, moves in AU_MOVES.items():
        field = np.zeros((NUM_LANDMARKS, 2))
        for indices, (dx, dy) in moves:
            for i in indices:
                field[i] = (dx, dy)
                j = FLIP_INDICES[i]
                if j != i:
                    field[j] = (-dx, dy)
        fields[au] = field
    return fields


AU_FIELDS = _mirror_moves()


#: A resting face without permanent lines, brows and lips at the template's
#: height: what :func:`sample_resting_marks` gives when switched off.
NO_MARKS = dict(age=0.0, forehead_lines=0.0, glabella_lines=0.0,
                nasolabial_folds=0.0, crows_feet=0.0, brow_rest=0.0,
                lip_corner=0.0)


def sample_resting_marks(rng: np.random.Generator) -> dict:
    """Draw what a subject's resting face shows that an AU could also show.

    Real resting faces carry permanent lines that deepen with age (forehead
    lines like AU 1+2's, vertical glabella lines like AU 4's, nasolabial
    folds like AU 10's and 12's, crow's feet like AU 6's), and people's brows
    rest high or low and their lip corners turn up or down (like AU 12 or
    15) without any action.

    Args:
        rng (np.random.Generator): The subject's identity stream.

    Returns:
        dict: ``age`` in years, line strengths in [0, 1] (the darkness an AU
        at full intensity gives is 1), ``brow_rest`` and ``lip_corner``
        offsets in face-frame units (positive: lower).
    """
    age = rng.uniform(18, 70)
    ageing = np.clip((age - 22) / 40, 0, 1)
    line = lambda chance: (ageing * rng.uniform(0.3, 0.9)  # noqa: E731
                           if rng.uniform() < chance else 0.0)
    return dict(
        age=age,
        forehead_lines=line(0.8),
        glabella_lines=line(0.5),
        nasolabial_folds=rng.uniform(0.1, 0.35) + 0.4 * ageing,
        crows_feet=line(0.7),
        brow_rest=rng.uniform(-0.02, 0.02),
        lip_corner=rng.uniform(-0.008, 0.012))


def sample_identity(rng: np.random.Generator) -> dict:
    """Draw the shape and colours of one synthetic subject (its resting
    marks are set apart: ``marks``, :data:`NO_MARKS` until the caller draws
    them with :func:`sample_resting_marks`)."""
    tone = rng.uniform(0, 1)
    skin = np.array([110 + 90 * tone, 130 + 85 * tone, 160 + 80 * tone])
    skin = (skin * rng.uniform(0.9, 1.05, 3)).clip(60, 250)
    return dict(
        face_scale=rng.uniform([0.93, 0.95], [1.07, 1.05]),
        eye_shift=rng.uniform(-0.012, 0.012),
        eye_scale=rng.uniform(0.9, 1.1),
        brow_shift=rng.uniform(-0.01, 0.01),
        brow_width=rng.uniform(0.012, 0.02),
        nose_shift=rng.uniform(-0.012, 0.012),
        mouth_shift=rng.uniform(-0.01, 0.01),
        mouth_scale=rng.uniform(0.92, 1.08),
        lip_scale=rng.uniform(0.85, 1.2),
        chin_shift=rng.uniform(-0.015, 0.015),
        skin=skin,
        lip=np.array([80, 70, 150]) * rng.uniform(0.8, 1.1, 3),
        hair=rng.uniform(10, 90, 3),
        brow=rng.uniform(15, 60, 3),
        iris=rng.uniform(20, 120, 3),
        background=rng.uniform(40, 220, 3),
        marks=NO_MARKS,
    )


def neutral_landmarks(identity: dict) -> np.ndarray:
    """The subject's neutral face in the normalised frame, shape (68, 2)."""
    pts = CANONICAL_FACE.copy()
    for eye in (range(36, 42), range(42, 48)):
        eye = list(eye)
        centre = pts[eye].mean(axis=0)
        pts[eye] = centre + (pts[eye] - centre) * identity['eye_scale']
    pts[36:42, 0] -= identity['eye_shift']
    pts[42:48, 0] += identity['eye_shift']
    pts[17:27, 1] += identity['brow_shift'] + identity['marks']['brow_rest']
    pts[27:36, 1] += identity['nose_shift'] * np.linspace(0, 1, 9)
    mouth = list(range(48, 68))
    centre = pts[mouth].mean(axis=0)
    offsets = pts[mouth] - centre
    offsets[:, 0] *= identity['mouth_scale']
    pts[mouth] = centre + offsets + [0, identity['mouth_shift']]
    for outer, inner in {**_UPPER_OUTER_TO_INNER,
                         **_LOWER_OUTER_TO_INNER}.items():
        pts[outer, 1] = pts[inner, 1] + (pts[outer, 1] -
                                         pts[inner, 1]) * identity['lip_scale']
    for corner, weight in ((48, 1.0), (54, 1.0), (60, 0.7), (64, 0.7)):
        pts[corner, 1] += weight * identity['marks']['lip_corner']
    pts[5:12, 1] += identity['chin_shift'] * np.sin(
        np.linspace(0, np.pi, 7))
    pts[:, 0] = 0.5 + (pts[:, 0] - 0.5) * identity['face_scale'][0]
    pts[:, 1] = 0.5 + (pts[:, 1] - 0.5) * identity['face_scale'][1]
    return pts


def express(neutral: np.ndarray, intensities: Dict[int, float]) -> np.ndarray:
    """Move the landmarks of a neutral face by the AUs' intensities.

    Args:
        neutral (np.ndarray): Shape (68, 2).
        intensities (dict[int, float]): AU -> intensity in [0, 1]; AUs
            missing or at 0 do not move anything.

    Returns:
        np.ndarray: Shape (68, 2).
    """
    pts = neutral.copy()
    for au, value in intensities.items():
        if value > 0 and au in AU_FIELDS:
            pts += value * AU_FIELDS[au]
    thinning = sum(
        LIP_THINNING[au] * intensities.get(au, 0.0) for au in LIP_THINNING)
    keep = max(1.0 - thinning, 0.3)
    for outer, inner in {**_UPPER_OUTER_TO_INNER,
                         **_LOWER_OUTER_TO_INNER}.items():
        pts[outer, 1] = pts[inner, 1] + (pts[outer, 1] - pts[inner, 1]) * keep
    if intensities.get(25, 0.0) <= 0:  # lips closed: inner contours meet
        for lower, upper in ((65, 63), (66, 62), (67, 61)):
            pts[lower, 1] = pts[upper, 1]
    return pts
