"""Things in front of the synthetic faces, as in real recordings: glasses
frames and a hair fringe (kept by a person across frames), a hand resting on
the mouth or chin, and a microphone (from frame to frame).

Occluders cover parts of the face without moving it: the landmarks stay
where the face is, as in data sets labelled by FACS coders.
"""
from typing import List

import numpy as np

from .canvas import FaceCanvas, ellipse_points

#: Share of subjects who wear glasses / have a fringe over the forehead.
GLASSES_RATE = 0.25
FRINGE_RATE = 0.2
#: Share of frames with a hand on the lower face / a microphone before it.
HAND_RATE = 0.07
MICROPHONE_RATE = 0.05


def sample_accessories(rng: np.random.Generator) -> dict:
    """Draw what a subject wears throughout a recording.

    Returns:
        dict: ``glasses`` (frame colour and lens size) or None, ``fringe``
        (side, reach, depth) or None.
    """
    glasses = dict(colour=rng.uniform(10, 90, 3),
                   size=rng.uniform(0.9, 1.15)) if rng.uniform() < \
        GLASSES_RATE else None
    fringe = dict(side=rng.choice([-1.0, 1.0]), reach=rng.uniform(0.5, 1.0),
                  depth=rng.uniform(0.3, 1.0)) if rng.uniform() < \
        FRINGE_RATE else None
    return dict(glasses=glasses, fringe=fringe)


def sample_occluders(rng: np.random.Generator,
                     accessories: dict) -> List[dict]:
    """Draw the occluders of one frame.

    Args:
        rng (np.random.Generator): The frame's occlusion stream.
        accessories (dict): The subject's, from :func:`sample_accessories`.

    Returns:
        list[dict]: Each with a ``kind`` and where it lies relative to the
        face's landmarks.
    """
    occluders = []
    for kind in ('glasses', 'fringe'):
        if accessories[kind] is not None:
            occluders.append(dict(kind=kind, **accessories[kind]))
    if rng.uniform() < HAND_RATE:
        occluders.append(
            dict(kind='hand', height=rng.uniform(0.2, 0.9),
                 offset=rng.uniform(-0.08, 0.08),
                 size=rng.uniform(0.11, 0.16), angle=rng.uniform(-30, 30)))
    if rng.uniform() < MICROPHONE_RATE:
        occluders.append(
            dict(kind='microphone', side=rng.choice([-1.0, 1.0]),
                 height=rng.uniform(0.0, 1.0),
                 colour=rng.uniform(30, 120)))
    return occluders


def draw_occluders(canvas: FaceCanvas, occluders: List[dict],
                   pts: np.ndarray, identity: dict) -> None:
    """Draw the occluders over a face.

    Args:
        canvas (FaceCanvas): The face drawn so far.
        occluders (list[dict]): From :func:`sample_occluders`.
        pts (np.ndarray): The face's landmarks (68, 2), face frame.
        identity (dict): The subject's colours.
    """
    for occluder in occluders:
        _DRAW[occluder['kind']](canvas, occluder, pts, identity)


def _glasses(canvas, spec, pts, identity) -> None:
    for eye, temple in ((pts[36:42], pts[0]), (pts[42:48], pts[16])):
        centre = eye.mean(axis=0) + [0, 0.005]
        axes = np.array([0.075, 0.045]) * spec['size']
        canvas.line(ellipse_points(centre, axes, n=20), spec['colour'],
                    0.011, closed=True)
        outer = centre + [np.sign(centre[0] - 0.5) * axes[0], -0.01]
        canvas.line([outer, [temple[0], outer[1] - 0.005]], spec['colour'],
                    0.01)
    canvas.line(
        [pts[39] + [0.02, -0.015], pts[27] + [0, -0.005],
         pts[42] + [-0.02, -0.015]], spec['colour'], 0.009)


def _fringe(canvas, spec, pts, identity) -> None:
    brow_top = pts[17:27, 1].min()
    far = 0.5 + spec['side'] * 0.35
    near = 0.5 - spec['side'] * (0.35 * (2 * spec['reach'] - 1))
    xs = np.linspace(far, near, 9)
    tips = brow_top - 0.06 + spec['depth'] * 0.07 * np.linspace(1, 0.3, 9)
    tips[1::2] -= 0.025
    edge = np.stack([xs, tips], axis=1)
    top = [[near, brow_top - 0.22], [far, brow_top - 0.22]]
    canvas.poly(np.vstack([edge, top]), identity['hair'])


def _hand(canvas, spec, pts, identity) -> None:
    mouth, chin = pts[62], pts[8]
    centre = mouth + spec['height'] * (chin - mouth) + [spec['offset'], 0.02]
    size = spec['size']
    palm = ellipse_points(centre, (size * 1.3, size), spec['angle'])
    skin = identity['skin'] * 0.96
    canvas.poly(palm, skin)
    for k in (-1, 0, 1):
        y = centre[1] + k * size * 0.35
        canvas.line([[centre[0] - size * 1.1, y], [centre[0] + size, y]],
                    skin * 0.75, 0.006)


def _microphone(canvas, spec, pts, identity) -> None:
    corner = pts[48] if spec['side'] > 0 else pts[54]
    head = corner + [-spec['side'] * 0.02,
                     0.03 + spec['height'] * (pts[8, 1] - corner[1])]
    stick_end = head + [-spec['side'] * 0.15, 0.5]
    canvas.line([head, stick_end], [spec['colour'] * 0.6] * 3, 0.03)
    canvas.ellipse(head, (0.05, 0.05), [spec['colour']] * 3)


_DRAW = dict(glasses=_glasses, fringe=_fringe, hand=_hand,
             microphone=_microphone)
