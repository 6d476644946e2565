"""Drawing synthetic faces whose AUs show as the appearance changes of FACS.

Every stroke is placed relative to the face's landmarks in the normalised face
frame and mapped to pixels by one similarity transform (the head pose), so the
68 landmarks returned are exact for the drawn image.
"""
from typing import Dict, Tuple

import cv2
import numpy as np

from mmfau.facs.landmarks import FLIP_INDICES

_SHIFT = 4  # sub-pixel bits for OpenCV drawing
_SCALE = 1 << _SHIFT


class _Canvas:
    """An image with a normalised-frame -> pixel similarity transform."""

    def __init__(self, size: int, matrix: np.ndarray,
                 background: np.ndarray) -> None:
        self.size = size
        self.matrix = matrix
        self.img = np.empty((size, size, 3), dtype=np.uint8)
        self.img[:] = np.clip(background, 0, 255).astype(np.uint8)

    def px(self, points: np.ndarray) -> np.ndarray:
        """Normalised points (N, 2) -> continuous pixel coordinates."""
        points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
        return points @ self.matrix[:, :2].T + self.matrix[:, 2]

    def _cv(self, points: np.ndarray) -> np.ndarray:
        # OpenCV puts pixel i's centre at i; our coordinates at i + 0.5.
        return np.round((self.px(points) - 0.5) * _SCALE).astype(np.int32)

    def length(self, value: float) -> float:
        return value * float(np.hypot(*self.matrix[:, 0]))

    def poly(self, points, colour, closed: bool = True) -> None:
        pts = self._cv(points)[None]
        if closed:
            cv2.fillPoly(self.img, pts, _bgr(colour), cv2.LINE_AA, _SHIFT)
        else:
            cv2.polylines(self.img, pts, False, _bgr(colour), 1, cv2.LINE_AA,
                          _SHIFT)

    def line(self, points, colour, width: float) -> None:
        thickness = max(1, int(round(self.length(width))))
        cv2.polylines(self.img, self._cv(points)[None], False, _bgr(colour),
                      thickness, cv2.LINE_AA, _SHIFT)

    def ellipse(self, centre, axes, colour, angle: float = 0.0) -> None:
        centre_px = tuple(int(v) for v in self._cv(centre)[0])
        axes_px = tuple(
            max(1, int(round(self.length(a) * _SCALE))) for a in axes)
        rotation = np.degrees(np.arctan2(self.matrix[1, 0], self.matrix[0,
                                                                       0]))
        cv2.ellipse(self.img, centre_px, axes_px, angle + rotation, 0, 360,
                    _bgr(colour), -1, cv2.LINE_AA, _SHIFT)


def pose_matrix(size: int, pose: dict) -> np.ndarray:
    """The 2x3 similarity transform from the normalised face frame to pixels.

    Args:
        size (int): Image side in pixels.
        pose (dict): ``angle`` (degrees), ``scale`` and ``shift`` (2,), the
            latter two relative to ``size``.

    Returns:
        np.ndarray: Shape (2, 3).
    """
    theta = np.radians(pose['angle'])
    rot = size * pose['scale'] * np.array([[np.cos(theta), -np.sin(theta)],
                                           [np.sin(theta), np.cos(theta)]])
    centre = size * (0.5 + np.asarray(pose['shift']))
    return np.hstack([rot, (centre - rot @ [0.5, 0.5])[:, None]])


def face_to_pixels(points: np.ndarray, size: int, pose: dict) -> np.ndarray:
    """Map normalised face-frame points (N, 2) to continuous pixels."""
    matrix = pose_matrix(size, pose)
    return (np.asarray(points) @ matrix[:, :2].T + matrix[:, 2]).astype(
        np.float32)


def _bgr(colour) -> Tuple[int, int, int]:
    return tuple(int(c) for c in np.clip(colour, 0, 255))


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


def render_face(pts: np.ndarray, intensities: Dict[int, float],
                identity: dict, size: int, pose: dict) -> Tuple[np.ndarray,
                                                                np.ndarray]:
    """Draw one face.

    Args:
        pts (np.ndarray): Expressive landmarks (68, 2), normalised frame.
        intensities (dict[int, float]): AU -> intensity in [0, 1].
        identity (dict): From :func:`sample_identity`.
        size (int): Output image side in pixels.
        pose (dict): ``angle`` (degrees), ``scale``, ``shift`` (2,),
            ``light`` (2,) gradient, ``noise`` (std), ``seed``.

    Returns:
        tuple: BGR image (size, size, 3) uint8 and landmarks (68, 2) in
        continuous pixel coordinates.
    """
    canvas = _Canvas(size, pose_matrix(size, pose), identity['background'])
    au = lambda k: float(intensities.get(k, 0.0))  # noqa: E731
    skin = identity['skin']
    # a crease darkens with the AU's strength: a trace (0.2) barely shows
    crease = lambda a: skin * (1 - 0.45 * min(1.0, a))  # noqa: E731
    line_w = 0.014

    # head, hair and face outline
    brow_top = pts[17:27, 1].min()
    canvas.ellipse([0.5, brow_top - 0.05], [0.45, 0.28], identity['hair'])
    forehead = _arc(pts[16], pts[0], -0.8, 15)
    canvas.poly(np.vstack([pts[:17], forehead[1:-1]]), skin)

    # cheek bulges: raised infraorbital triangle (AU 6, 12), nose-side bulge
    lift = max(au(6), au(12))
    def cheeks(sign, p):  # noqa: E306
        if lift > 0:
            centre = (p(41) + p(48)) / 2 + [-sign * 0.03, -0.02 * lift]
            canvas.ellipse(centre, [0.065, 0.04],
                           skin * (1 + 0.12 * lift) + 8 * lift)
        if au(10) > 0:
            canvas.ellipse(p(31) + [-sign * 0.03, 0.0], [0.025, 0.035],
                           skin * (1 + 0.15 * au(10)))
    _sides(cheeks, pts)

    # forehead wrinkles: centre for AU 1, lateral for AU 2
    for k in range(3):
        y = brow_top - 0.04 - 0.035 * k
        if au(1) > 0:
            canvas.line(_arc([0.42, y], [0.58, y], 0.08), crease(au(1)),
                        line_w)
    def lateral_wrinkles(sign, p):  # noqa: E306
        if au(2) > 0:
            for k in range(2):
                y = p(18)[1] - 0.045 - 0.035 * k
                x = p(18)[0]
                canvas.line(
                    _arc([x - sign * 0.06, y + 0.01], [x + sign * 0.05, y],
                         sign * 0.1), crease(au(2)), line_w)
    _sides(lateral_wrinkles, pts)

    # glabella: vertical furrows and bulge between the brows (AU 4)
    if au(4) > 0:
        mid = (pts[21] + pts[22]) / 2
        canvas.ellipse(mid + [0, 0.01], [0.03, 0.02], skin * 0.88)
        for dx in (-0.016, 0.016):
            canvas.line([mid + [dx, -0.035], mid + [dx * 0.7, 0.035]],
                        crease(au(4)), line_w)

    # nose wrinkles and infraorbital furrows (AU 9)
    if au(9) > 0:
        for k in range(3):
            y = pts[28, 1] + 0.02 * k
            canvas.line(_arc([0.465, y + 0.005], [0.535, y + 0.005], 0.15),
                        crease(au(9)), line_w)
        def infraorbital(sign, p):  # noqa: E306
            start = p(39) + [-sign * 0.005, 0.035]
            canvas.line([start, start + [-sign * 0.05, 0.03]],
                        crease(au(9)), line_w)
        _sides(infraorbital, pts)

    # nasolabial furrows: upper part for AU 10, full and deep for AU 12
    def nasolabial(sign, p):  # noqa: E306
        top = p(31) + [-sign * 0.025, -0.01]
        if au(12) > 0:
            end = p(48) + [-sign * 0.035, 0.02]
            canvas.line(_arc(top, end, -sign * 0.15, 9), crease(au(12)),
                        line_w * 1.6)
        elif au(10) > 0:
            end = top + [-sign * 0.03, 0.07]
            canvas.line(_arc(top, end, -sign * 0.1), crease(au(10)),
                        line_w * 1.3)
    _sides(nasolabial, pts)

    # crow's feet (AU 6) and lower-lid bulge (AU 7)
    def eye_creases(sign, p):  # noqa: E306
        if au(6) > 0:
            corner = p(36) + [-sign * 0.012, 0]
            for dy in (-0.025, 0.0, 0.025):
                canvas.line([corner, corner + [-sign * 0.05, dy]],
                            crease(au(6)), line_w)
        if au(7) > 0:
            canvas.line(
                np.vstack([p(36), p(41), p(40), p(39)]) + [0, 0.016],
                crease(au(7)), line_w * 1.5)
    _sides(eye_creases, pts)

    # brows
    canvas.line(pts[17:22], identity['brow'], identity['brow_width'])
    canvas.line(pts[22:27], identity['brow'], identity['brow_width'])

    # eyes: white, iris clipped by the lids, lid line
    for eye in (slice(36, 42), slice(42, 48)):
        _draw_eye(canvas, pts[eye], identity['iris'])
        canvas.poly(np.vstack([pts[eye], pts[eye][:1]]), skin * 0.35, False)

    # nose
    canvas.line(pts[27:31], skin * 0.85, line_w)
    canvas.line(pts[31:36], skin * 0.6, line_w)
    for i in (32, 34):
        canvas.ellipse(pts[i] + [0, -0.004], [0.008, 0.005], skin * 0.35)

    # creases around the mouth
    def mouth_creases(sign, p):  # noqa: E306
        if au(14) > 0:  # dimples beside the lip corners
            canvas.ellipse(p(48) + [-sign * 0.03, -0.004], [0.011, 0.018],
                           skin * (1 - 0.6 * au(14)))
        if au(15) > 0:  # wrinkles below the depressed corners
            corner = p(48) + [0, 0.012]
            for dx in (0.0, -sign * 0.016):
                canvas.line([corner + [dx, 0], corner + [dx - sign * 0.02,
                                                         0.045]],
                            crease(au(15)), line_w)
    _sides(mouth_creases, pts)
    if au(24) > 0:  # bulges above and below pressed lips
        for y, bend in ((pts[51, 1] - 0.018, 0.05), (pts[57, 1] + 0.018,
                                                     -0.05)):
            canvas.line(_arc([0.43, y], [0.57, y], bend), crease(au(24)),
                        line_w * 1.5)
    if au(17) > 0:  # chin boss wrinkled
        chin = (pts[57] + pts[8]) / 2 + [0, 0.01]
        canvas.ellipse(chin, [0.055, 0.03], skin * (1 - 0.1 * au(17)))
        dots = np.random.default_rng(7).uniform(-1, 1, (14, 2))
        for dot in dots:
            canvas.ellipse(chin + dot * [0.045, 0.022], [0.004, 0.004],
                           crease(au(17)))

    # lips and mouth opening with teeth
    lip = identity['lip'] * (1 - 0.3 * au(24))
    lip = lip + (skin - lip) * 0.45 * au(23)  # tightened lips lose red
    canvas.poly(pts[48:60], lip)
    inner = pts[60:68]
    if inner[5:, 1].max() - inner[1:4, 1].min() > 0.004:
        canvas.poly(inner, [40, 30, 45])
        teeth_bottom = min(inner[6, 1], inner[2, 1] + 0.02)
        teeth = np.array([[inner[1, 0], inner[1, 1]],
                          [inner[3, 0], inner[3, 1]],
                          [inner[3, 0], teeth_bottom],
                          [inner[1, 0], teeth_bottom]])
        canvas.poly(teeth, [225, 235, 240])
    canvas.poly(pts[60:65], lip * 0.55, False)

    # lighting, noise
    ramp = (np.arange(size, dtype=np.float32) + 0.5) / size - 0.5
    gain = 1 + pose['light'][0] * ramp[None, :] + pose['light'][1] * ramp[:,
                                                                        None]
    noise = np.random.default_rng(pose['seed']).standard_normal(
        canvas.img.shape, dtype=np.float32)
    img = canvas.img * gain[..., None] + noise * np.float32(pose['noise'])
    return (np.clip(img, 0, 255).astype(np.uint8),
            canvas.px(pts).astype(np.float32))


def _draw_eye(canvas: _Canvas, eye: np.ndarray, iris_colour) -> None:
    """Fill the eye opening white with the iris, which the lids clip."""
    corners = canvas.px(eye)
    x0, y0 = np.floor(corners.min(axis=0)).astype(int) - 1
    x1, y1 = np.ceil(corners.max(axis=0)).astype(int) + 2
    x0, y0 = max(x0, 0), max(y0, 0)
    x1, y1 = min(x1, canvas.size), min(y1, canvas.size)
    if x1 <= x0 or y1 <= y0:
        return
    offset = np.round(np.array([x0, y0]) * _SCALE).astype(np.int32)
    mask = np.zeros((y1 - y0, x1 - x0), dtype=np.uint8)
    cv2.fillPoly(mask, (canvas._cv(eye) - offset)[None], 255, cv2.LINE_AA,
                 _SHIFT)
    patch = np.empty((y1 - y0, x1 - x0, 3), dtype=np.uint8)
    patch[:] = (235, 240, 245)
    centre = canvas._cv(eye.mean(axis=0))[0] - offset
    cv2.circle(patch, tuple(int(v) for v in centre),
               int(canvas.length(0.027) * _SCALE), _bgr(iris_colour), -1,
               cv2.LINE_AA, _SHIFT)
    alpha = mask[..., None].astype(np.float32) / 255
    region = canvas.img[y0:y1, x0:x1]
    region[:] = (region * (1 - alpha) + patch * alpha).astype(np.uint8)
