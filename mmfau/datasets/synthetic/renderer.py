"""Drawing synthetic faces whose AUs show as the appearance changes of FACS.

Every stroke is placed relative to the face's landmarks in the normalised face
frame and drawn through one head pose (:class:`~.canvas.FaceCanvas`), so the
68 landmarks returned are exact for the drawn image. A subject's permanent
lines (:func:`~.face_geometry.sample_resting_marks`) are drawn where the AUs
that deepen them draw their creases.
"""
from dataclasses import dataclass
from typing import Callable, Dict, Optional, Sequence, Tuple

import cv2
import numpy as np

from mmfau.faces.landmark_scheme import FLIP_INDICES

from .canvas import SCALE, SHIFT, FaceCanvas, bgr
from .imaging import apply_imaging
from .occluders import draw_occluders


def _arc(start, end, bend: float, n: int = 7) -> np.ndarray:
    """Points on a quadratic curve from start to end, bulging by ``bend``
    along the left normal of the chord."""
    start, end = np.asarray(start, float), np.asarray(end, float)
    chord = end - start
    normal = np.array([chord[1], -chord[0]])
    control = (start + end) / 2 + bend * normal
    t = np.linspace(0, 1, n)[:, None]
    return (1 - t)**2 * start + 2 * (1 - t) * t * control + t**2 * end


def _sides(draw, pts: np.ndarray) -> None:
    """Call ``draw(sign, point)`` for the subject's right side (sign 1) and
    left side (sign -1); ``point(i)`` gives landmark ``i`` of the right side
    or its mirror twin on the left."""
    draw(1.0, lambda i: pts[i])
    draw(-1.0, lambda i: pts[FLIP_INDICES[i]])


@dataclass
class _Face:
    """What the strokes of one face are drawn with."""
    canvas: FaceCanvas
    pts: np.ndarray
    intensities: Dict[int, float]
    identity: dict
    line_w: float = 0.014

    def au(self, k: int) -> float:
        """AU ``k``'s intensity in [0, 1] (0 when absent)."""
        return float(self.intensities.get(k, 0.0))

    def crease(self, strength: float) -> np.ndarray:
        """A crease's colour: it darkens with the AU's strength (a trace,
        0.2, barely shows) and deepens the permanent line drawn at the same
        place."""
        return self.identity['skin'] * (1 - 0.45 * min(1.0, strength))

    @property
    def marks(self) -> dict:
        return self.identity['marks']


def _cheek_bulges(f: _Face) -> None:
    """Raised infraorbital triangle (AU 6, 12); nose-side bulge (AU 10)."""
    skin, lift = f.identity['skin'], max(f.au(6), f.au(12))

    def draw(sign, p):
        if lift > 0:
            centre = (p(41) + p(48)) / 2 + [-sign * 0.03, -0.02 * lift]
            f.canvas.ellipse(centre, [0.065, 0.04],
                             skin * (1 + 0.12 * lift) + 8 * lift)
        if f.au(10) > 0:
            f.canvas.ellipse(p(31) + [-sign * 0.03, 0.0], [0.025, 0.035],
                             skin * (1 + 0.15 * f.au(10)))
    _sides(draw, f.pts)


def _forehead_wrinkles(f: _Face) -> None:
    """Centre wrinkles for AU 1, lateral ones for AU 2."""
    if f.au(1) > 0:
        for y in _forehead_rows(f.pts):
            f.canvas.line(_arc([0.42, y], [0.58, y], 0.08),
                          f.crease(f.au(1) + f.marks['forehead_lines']),
                          f.line_w)

    def lateral(sign, p):
        if f.au(2) > 0:
            for k in range(2):
                y = p(18)[1] - 0.045 - 0.035 * k
                x = p(18)[0]
                f.canvas.line(
                    _arc([x - sign * 0.06, y + 0.01], [x + sign * 0.05, y],
                         sign * 0.1),
                    f.crease(f.au(2) + f.marks['forehead_lines']), f.line_w)
    _sides(lateral, f.pts)


def _glabella(f: _Face) -> None:
    """Vertical furrows and a bulge between the brows (AU 4)."""
    if f.au(4) > 0:
        mid = (f.pts[21] + f.pts[22]) / 2
        f.canvas.ellipse(mid + [0, 0.01], [0.03, 0.02],
                         f.identity['skin'] * 0.88)
        for furrow in _glabella_furrows(f.pts):
            f.canvas.line(furrow,
                          f.crease(f.au(4) + f.marks['glabella_lines']),
                          f.line_w)


def _nose_wrinkles(f: _Face) -> None:
    """Wrinkles across the nose and infraorbital furrows (AU 9)."""
    if f.au(9) <= 0:
        return
    for k in range(3):
        y = f.pts[28, 1] + 0.02 * k
        f.canvas.line(_arc([0.465, y + 0.005], [0.535, y + 0.005], 0.15),
                      f.crease(f.au(9)), f.line_w)

    def infraorbital(sign, p):
        start = p(39) + [-sign * 0.005, 0.035]
        f.canvas.line([start, start + [-sign * 0.05, 0.03]],
                      f.crease(f.au(9)), f.line_w)
    _sides(infraorbital, f.pts)


def _nasolabial_furrows(f: _Face) -> None:
    """The upper furrow for AU 10, the full and deep one for AU 12."""
    def draw(sign, p):
        if f.au(12) > 0:
            f.canvas.line(_nasolabial_fold(p, sign),
                          f.crease(f.au(12) + f.marks['nasolabial_folds']),
                          f.line_w * 1.6)
        elif f.au(10) > 0:
            f.canvas.line(_nasolabial_fold(p, sign, upper_only=True),
                          f.crease(f.au(10) + f.marks['nasolabial_folds']),
                          f.line_w * 1.3)
    _sides(draw, f.pts)


def _eye_creases(f: _Face) -> None:
    """Crow's feet (AU 6) and the lower-lid bulge (AU 7)."""
    def draw(sign, p):
        if f.au(6) > 0:
            for line in _crows_feet(p, sign):
                f.canvas.line(line, f.crease(f.au(6) + f.marks['crows_feet']),
                              f.line_w)
        if f.au(7) > 0:
            f.canvas.line(
                np.vstack([p(36), p(41), p(40), p(39)]) + [0, 0.016],
                f.crease(f.au(7)), f.line_w * 1.5)
    _sides(draw, f.pts)


def _mouth_creases(f: _Face) -> None:
    """Dimples beside the lip corners (AU 14), wrinkles below the
    depressed corners (AU 15)."""
    skin = f.identity['skin']

    def draw(sign, p):
        if f.au(14) > 0:
            f.canvas.ellipse(p(48) + [-sign * 0.03, -0.004], [0.011, 0.018],
                             skin * (1 - 0.6 * f.au(14)))
        if f.au(15) > 0:
            corner = p(48) + [0, 0.012]
            for dx in (0.0, -sign * 0.016):
                f.canvas.line([corner + [dx, 0],
                               corner + [dx - sign * 0.02, 0.045]],
                              f.crease(f.au(15)), f.line_w)
    _sides(draw, f.pts)


def _lip_press_bulges(f: _Face) -> None:
    """Bulges above and below pressed lips (AU 24)."""
    if f.au(24) > 0:
        for y, bend in ((f.pts[51, 1] - 0.018, 0.05),
                        (f.pts[57, 1] + 0.018, -0.05)):
            f.canvas.line(_arc([0.43, y], [0.57, y], bend),
                          f.crease(f.au(24)), f.line_w * 1.5)


def _chin_boss(f: _Face) -> None:
    """The chin boss raised and wrinkled (AU 17)."""
    if f.au(17) > 0:
        chin = (f.pts[57] + f.pts[8]) / 2 + [0, 0.01]
        f.canvas.ellipse(chin, [0.055, 0.03],
                         f.identity['skin'] * (1 - 0.1 * f.au(17)))
        dots = np.random.default_rng(7).uniform(-1, 1, (14, 2))
        for dot in dots:
            f.canvas.ellipse(chin + dot * [0.045, 0.022], [0.004, 0.004],
                             f.crease(f.au(17)))


def _lips_and_mouth(f: _Face) -> None:
    """The lips, pressed darker (AU 24) or tightened paler (AU 23), and the
    mouth opening with teeth where the landmarks part the lips (AU 25,
    26)."""
    skin, pts = f.identity['skin'], f.pts
    lip = f.identity['lip'] * (1 - 0.3 * f.au(24))
    lip = lip + (skin - lip) * 0.45 * f.au(23)
    f.canvas.poly(pts[48:60], lip)
    inner = pts[60:68]
    if inner[5:, 1].max() - inner[1:4, 1].min() > 0.004:
        f.canvas.poly(inner, [40, 30, 45])
        teeth_bottom = min(inner[6, 1], inner[2, 1] + 0.02)
        teeth = np.array([[inner[1, 0], inner[1, 1]],
                          [inner[3, 0], inner[3, 1]],
                          [inner[3, 0], teeth_bottom],
                          [inner[1, 0], teeth_bottom]])
        f.canvas.poly(teeth, [225, 235, 240])
    f.canvas.poly(pts[60:65], lip * 0.55, False)


def _brows_eyes_nose(f: _Face) -> None:
    """The features every face has, between the upper-face creases and
    the mouth's."""
    pts, identity, skin = f.pts, f.identity, f.identity['skin']
    f.canvas.line(pts[17:22], identity['brow'], identity['brow_width'])
    f.canvas.line(pts[22:27], identity['brow'], identity['brow_width'])
    # eyes: white, iris clipped by the lids, lid line
    for eye in (slice(36, 42), slice(42, 48)):
        _draw_eye(f.canvas, pts[eye], identity['iris'])
        f.canvas.poly(np.vstack([pts[eye], pts[eye][:1]]), skin * 0.35,
                      False)
    f.canvas.line(pts[27:31], skin * 0.85, f.line_w)
    f.canvas.line(pts[31:36], skin * 0.6, f.line_w)
    for i in (32, 34):
        f.canvas.ellipse(pts[i] + [0, -0.004], [0.008, 0.005], skin * 0.35)


#: How the face is drawn over its skin, in order: (the AUs a step shows,
#: the step). Every AU of the rule table shows in one step or more (its
#: landmarks move too: ``face_geometry.AU_MOVES``); the features every
#: face has show none.
AU_APPEARANCE: Tuple[Tuple[Tuple[int, ...], Callable[[_Face], None]],
                     ...] = (
    ((6, 10, 12), _cheek_bulges),
    ((1, 2), _forehead_wrinkles),
    ((4, ), _glabella),
    ((9, ), _nose_wrinkles),
    ((10, 12), _nasolabial_furrows),
    ((6, 7), _eye_creases),
    ((), _brows_eyes_nose),
    ((14, 15), _mouth_creases),
    ((24, ), _lip_press_bulges),
    ((17, ), _chin_boss),
    ((23, 24, 25, 26), _lips_and_mouth),
)


def render_face(pts: np.ndarray,
                intensities: Dict[int, float],
                identity: dict,
                size: int,
                pose: dict,
                occluders: Sequence[dict] = (),
                imaging: Optional[dict] = None
                ) -> Tuple[np.ndarray, np.ndarray]:
    """Draw one face: head, hair and skin, the subject's permanent lines,
    then each step of :data:`AU_APPEARANCE`, occluders and the camera.

    Args:
        pts (np.ndarray): Expressive landmarks (68, 2), normalised frame.
        intensities (dict[int, float]): AU -> intensity in [0, 1].
        identity (dict): From :func:`sample_identity`, with its resting
            ``marks``.
        size (int): Output image side in pixels.
        pose (dict): ``angle`` (degrees), ``scale``, ``shift`` (2,), and
            optionally ``yaw`` and ``pitch`` (degrees), see
            :func:`~.canvas.face_to_pixels`.
        occluders (Sequence[dict]): From :func:`~.occluders.sample_occluders`.
        imaging (dict, optional): Camera and light, from
            :func:`~.imaging.sample_imaging`; None draws a clean image.

    Returns:
        tuple: BGR image (size, size, 3) uint8 and landmarks (68, 2) in
        continuous pixel coordinates.
    """
    canvas = FaceCanvas(size, pose, identity['background'])
    face = _Face(canvas, pts, intensities, identity)
    # head, hair and face outline; what the face outline does not cover
    # (the far side of a turned head) shows the hair and background again
    # the hairline stays when the brows move: it is placed from the eyes
    canvas.ellipse([0.5, pts[36:48, 1].min() - 0.16], [0.45, 0.28],
                   identity['hair'])
    behind = canvas.img.copy()
    forehead = _arc(pts[16], pts[0], -0.8, 15)
    outline = np.vstack([pts[:17], forehead[1:-1]])
    canvas.poly(outline, identity['skin'])
    _resting_lines(canvas, pts, face.marks, face.crease, face.line_w)
    for _, draw in AU_APPEARANCE:
        draw(face)
    outside = ~canvas.mask(outline)
    canvas.img[outside] = behind[outside]
    draw_occluders(canvas, occluders, pts, identity)
    return apply_imaging(canvas.img, imaging), canvas.px(pts).astype(
        np.float32)


def _resting_lines(canvas: FaceCanvas, pts: np.ndarray, marks: dict,
                   crease, width: float) -> None:
    """Draw a subject's permanent lines where the AUs that deepen them
    draw their creases: forehead lines (AU 1, 2), glabella lines (AU 4),
    nasolabial folds (AU 10, 12) and crow's feet (AU 6)."""
    if marks['forehead_lines'] > 0:
        for y in _forehead_rows(pts):
            canvas.line(_arc([0.33, y + 0.01], [0.67, y + 0.01], 0.1),
                        crease(marks['forehead_lines']), width)
    if marks['glabella_lines'] > 0:
        for furrow in _glabella_furrows(pts):
            canvas.line(furrow, crease(marks['glabella_lines']), width)

    def sides(sign, p):
        if marks['nasolabial_folds'] > 0:
            canvas.line(_nasolabial_fold(p, sign),
                        crease(marks['nasolabial_folds']), width * 1.3)
        if marks['crows_feet'] > 0:
            for line in _crows_feet(p, sign):
                canvas.line(line, crease(marks['crows_feet']), width)
    _sides(sides, pts)


# Where the creases that resting lines share with AUs lie, in the face frame.
def _forehead_rows(pts: np.ndarray) -> list:
    """Heights of the three forehead lines above the brows (AU 1, 2)."""
    brow_top = pts[17:27, 1].min()
    return [brow_top - 0.04 - 0.035 * k for k in range(3)]


def _glabella_furrows(pts: np.ndarray) -> list:
    """The two vertical furrows between the brows (AU 4)."""
    mid = (pts[21] + pts[22]) / 2
    return [[mid + [dx, -0.035], mid + [dx * 0.7, 0.035]]
            for dx in (-0.016, 0.016)]


def _nasolabial_fold(p, sign: float, upper_only: bool = False) -> np.ndarray:
    """The fold from beside the nose wing past the lip corner (AU 12), or
    its upper part (AU 10); ``p`` and ``sign`` as :func:`_sides` gives."""
    top = p(31) + [-sign * 0.025, -0.01]
    if upper_only:
        return _arc(top, top + [-sign * 0.03, 0.07], -sign * 0.1)
    return _arc(top, p(48) + [-sign * 0.035, 0.02], -sign * 0.15, 9)


def _crows_feet(p, sign: float) -> list:
    """Three short lines fanning from the outer eye corner (AU 6)."""
    corner = p(36) + [-sign * 0.012, 0]
    return [[corner, corner + [-sign * 0.05, dy]]
            for dy in (-0.025, 0.0, 0.025)]


def _draw_eye(canvas: FaceCanvas, eye: np.ndarray, iris_colour) -> None:
    """Fill the eye opening white with the iris, which the lids clip."""
    corners = canvas.px(eye)
    x0, y0 = np.floor(corners.min(axis=0)).astype(int) - 1
    x1, y1 = np.ceil(corners.max(axis=0)).astype(int) + 2
    x0, y0 = max(x0, 0), max(y0, 0)
    x1, y1 = min(x1, canvas.size), min(y1, canvas.size)
    if x1 <= x0 or y1 <= y0:
        return
    offset = np.round(np.array([x0, y0]) * SCALE).astype(np.int32)
    mask = np.zeros((y1 - y0, x1 - x0), dtype=np.uint8)
    cv2.fillPoly(mask, (canvas.cv_points(eye) - offset)[None], 255,
                 cv2.LINE_AA, SHIFT)
    patch = np.empty((y1 - y0, x1 - x0, 3), dtype=np.uint8)
    patch[:] = (235, 240, 245)
    centre = canvas.cv_points(eye.mean(axis=0))[0] - offset
    cv2.circle(patch, tuple(int(v) for v in centre),
               int(canvas.length(0.027) * SCALE), bgr(iris_colour), -1,
               cv2.LINE_AA, SHIFT)
    alpha = mask[..., None].astype(np.float32) / 255
    region = canvas.img[y0:y1, x0:x1]
    region[:] = (region * (1 - alpha) + patch * alpha).astype(np.uint8)
