"""Fit where dlib's HOG detector puts its box relative to RetinaFace's box
and keypoints, and measure how much the 68-point predictor's landmarks
differ between them.

    python tools/analysis_tools/fit_box_mapping.py IMAGE_OR_VIDEO [...] \
        --retinaface-weights retinaface_mobilenet0.25.pth --every 12 \
        --out box_mapping.json --draw DIR

On every face both detectors find (IoU > 0.3), the HOG box is measured
against the RetinaFace box (centre shift and size, medians: the fit of
``HOG_BOX_FROM['retinaface']``) and against RetinaFace's keypoints (centre
shift and side by the face's scale, medians: the fit of
``HOG_BOX_FROM_KEYPOINTS['retinaface']``, both in
``mmfau/faces/landmark_detectors/hog_box.py``). The agreement is the mean
distance between the predictor's points in the HOG box and in the box
placed from RetinaFace's with the mappings in use (its box as it is,
mapped, or placed from its keypoints), in % of the inter-ocular distance
(outer eye corners). For
scale, ``own box moved`` is how far the points move when dlib's own box
moves by 2 % of its width (the mean over the four directions). Turned
faces (the nose tip off the face's centre line by ``--turned`` of its
scale or more) are listed apart; ``--draw`` saves them, and the faces only
RetinaFace finds, with the points of each placement. A face in profile
(``in_profile``) gets the mapped box, not the keypoints', in
``DlibLandmarkDetector`` and in the keypoints' column here (both place it
with ``hog_search_box``).
"""
import argparse
import json
import os
import os.path as osp
from typing import Dict, List

import cv2
import numpy as np

from mmfau.faces import DlibLandmarkDetector, iterate_frames
from mmfau.faces.face_detectors import (
    DlibFaceDetector,
    RetinaFaceDetector,
)
from mmfau.faces.face_detectors.base import keypoints_of
from mmfau.faces.identity_tracker import box_iou
from mmfau.faces.landmark_detectors.hog_box import (
    HOG_BOX_FROM,
    HOG_BOX_FROM_KEYPOINTS,
    face_frame,
    hog_search_box,
    in_profile,
    to_hog_box,
)
from mmfau.utils import exit_on_user_error

#: The placements compared, in the order of the table.
PLACEMENTS = ('raw', 'mapped', 'keypoints')
#: Drawing colours (BGR): dlib's own box, then each placement.
COLOURS = dict(hog=(0, 200, 0), raw=(0, 200, 255), mapped=(0, 0, 255),
               keypoints=(255, 0, 0))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('inputs', nargs='+', help='photographs or videos')
    parser.add_argument('--retinaface-weights', help='RetinaFace weights '
                        '(default: downloaded by face-alignment)')
    parser.add_argument('--every', type=int, default=12,
                        help='use every N-th frame of a video')
    parser.add_argument('--turned', type=float, default=0.15,
                        help='nose tip offset, by the face\'s scale, from '
                        'which a face counts as turned')
    parser.add_argument('--out', help='JSON of the fits and figures')
    parser.add_argument('--draw', help='folder for the turned faces and '
                        'those only RetinaFace finds, with their points')
    return parser.parse_args()


def relative_box(hog: np.ndarray, other: np.ndarray) -> np.ndarray:
    """(dx, dy, width ratio, height ratio) of a HOG box against another."""
    width, height = other[2] - other[0], other[3] - other[1]
    return np.array([
        ((hog[0] + hog[2]) - (other[0] + other[2])) / 2 / width,
        ((hog[1] + hog[3]) - (other[1] + other[3])) / 2 / height,
        (hog[2] - hog[0]) / width, (hog[3] - hog[1]) / height
    ])


def relative_to_keypoints(hog: np.ndarray,
                          keypoints: np.ndarray) -> np.ndarray:
    """(dx, dy, side) of a HOG box against a face's keypoints, by the
    face's scale (:func:`face_frame`)."""
    centre, scale = face_frame(keypoints)
    shift = ((hog[:2] + hog[2:4]) / 2 - centre) / scale
    return np.array([shift[0], shift[1], (hog[2] - hog[0]) / scale])


def turn(keypoints: np.ndarray) -> float:
    """How far the nose tip is off the face's centre line, by the face's
    scale (0 on a frontal face; negative: towards the image's left)."""
    centre, scale = face_frame(keypoints)
    return float((keypoints[2, 0] - centre[0]) / scale)


def disagreement(reference: np.ndarray, other: np.ndarray) -> float:
    """Mean point distance in % of the inter-ocular distance."""
    eyes = np.linalg.norm(reference[36] - reference[45])
    return float(np.linalg.norm(reference - other, axis=1).mean() / eyes *
                 100)


def moved(box: np.ndarray, fraction: float) -> List[np.ndarray]:
    """The box moved by ``fraction`` of its width left, right, up, down."""
    step = fraction * (box[2] - box[0])
    return [box + np.array([dx, dy, dx, dy]) * step
            for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1))]


def summary(values: np.ndarray) -> Dict[str, float]:
    """Median, mean, share within 2 % and maximum of disagreements."""
    if not len(values):
        return {}
    return dict(median=round(float(np.median(values)), 2),
                mean=round(float(values.mean()), 2),
                within_2=round(float((values <= 2).mean() * 100), 1),
                max=round(float(values.max()), 2))


def find_faces(args, hog, retina):
    """Faces both detectors find, and those only RetinaFace finds."""
    pairs, alone, images = [], [], {}
    for source in args.inputs:
        for frame in iterate_frames(source):
            if frame.frame % args.every:
                continue
            a = hog.detect([frame.image])[0]
            b = retina.detect([frame.image])[0]
            matched = set()
            if len(a) and len(b):
                overlap = box_iou(a[:, :4], b[:, :4])
                for i, j in enumerate(overlap.argmax(1)):
                    if overlap[i, j] > 0.3:
                        pairs.append((frame.key, a[i, :4], b[j]))
                        matched.add(j)
            alone += [(frame.key, b[j]) for j in range(len(b))
                      if j not in matched]
            if len(b):
                images[frame.key] = frame.image
    return pairs, alone, images


def draw(image: np.ndarray, box: np.ndarray, keypoints: np.ndarray,
         points: Dict[str, np.ndarray], path: str) -> None:
    """A face's crop, enlarged, with each placement's points (colours:
    :data:`COLOURS`) and the keypoints (white crosses)."""
    margin = 0.5 * (box[3] - box[1])
    x1, y1 = (max(int(v - margin), 0) for v in box[:2])
    x2, y2 = (int(v + margin) for v in box[2:4])
    zoom = 480 / (min(y2, image.shape[0]) - y1)
    canvas = cv2.resize(image[y1:y2, x1:x2], None, fx=zoom, fy=zoom,
                        interpolation=cv2.INTER_CUBIC)

    def at(x, y):
        return int((x - x1) * zoom), int((y - y1) * zoom)

    for name, face_points in points.items():
        for x, y in face_points:
            cv2.circle(canvas, at(x, y), 3, COLOURS[name], -1)
    for x, y in keypoints:
        cv2.drawMarker(canvas, at(x, y), (255, 255, 255),
                       cv2.MARKER_CROSS, 14, 2)
    cv2.imwrite(path, canvas)


def main():
    args = parse_args()
    hog = DlibFaceDetector()
    retina = RetinaFaceDetector(path=args.retinaface_weights)
    predictor = DlibLandmarkDetector()  # with a HOG detector: boxes as given
    pairs, alone, images = find_faces(args, hog, retina)
    if not pairs:
        raise ValueError('No face was found by both detectors.')
    box_fit = np.median([relative_box(a, b[:4]) for _, a, b in pairs], 0)
    keypoint_fit = np.median([
        relative_to_keypoints(a, keypoints_of(b)) for _, a, b in pairs
        if not in_profile(keypoints_of(b))
    ], 0)

    def placed(row: np.ndarray) -> Dict[str, np.ndarray]:
        """Each placement's box, as DlibLandmarkDetector places it (with
        the mappings in use)."""
        return dict(raw=row[:4],
                    mapped=to_hog_box(row[:4], HOG_BOX_FROM['retinaface']),
                    keypoints=hog_search_box(row, 'retinaface'))

    def points(key: str, boxes: List[np.ndarray]) -> List[np.ndarray]:
        return [face.landmarks for face in predictor.refine(
            [images[key]], None, [boxes])[0]]

    if args.draw:
        os.makedirs(args.draw, exist_ok=True)
    rows = []
    for n, (key, hog_box, row) in enumerate(pairs):
        boxes = placed(row)
        reference, *others = points(key, [hog_box, *boxes.values()])
        shifted = points(key, moved(hog_box, 0.02))
        face = dict(key=key, box=[round(float(v), 1) for v in row[:4]],
                    turn=round(turn(keypoints_of(row)), 3),
                    in_profile=in_profile(keypoints_of(row)),
                    own_box_moved=round(float(np.mean(
                        [disagreement(reference, p) for p in shifted])), 2))
        face.update({name: round(disagreement(reference, p), 2)
                     for name, p in zip(boxes, others)})
        rows.append(face)
        if args.draw and abs(face['turn']) >= args.turned:
            draw(images[key], row[:4], keypoints_of(row),
                 dict(hog=reference, **dict(zip(boxes, others))),
                 osp.join(args.draw, f'turned_{n}.png'))
    for n, (key, row) in enumerate(alone):
        if args.draw:
            boxes = placed(row)
            draw(images[key], row[:4], keypoints_of(row),
                 dict(zip(boxes, points(key, list(boxes.values())))),
                 osp.join(args.draw, f'retinaface_only_{n}.png'))
    turned = [r for r in rows if abs(r['turn']) >= args.turned]
    frontal = [r for r in rows if abs(r['turn']) < args.turned]
    table = {
        name: dict(all=summary(np.array([r[name] for r in rows])),
                   frontal=summary(np.array([r[name] for r in frontal])),
                   turned=summary(np.array([r[name] for r in turned])))
        for name in PLACEMENTS + ('own_box_moved',)
    }
    print(f'{len(rows)} faces found by both detectors, {len(turned)} '
          f'turned (|turn| >= {args.turned}); {len(alone)} found by '
          'RetinaFace only')
    print('fitted box mapping (dx, dy, width ratio, height ratio): '
          f'({", ".join(f"{v:.3f}" for v in box_fit)}); in use: '
          f'{HOG_BOX_FROM["retinaface"]}')
    print('fitted keypoint placement (dx, dy, side): '
          f'({", ".join(f"{v:.3f}" for v in keypoint_fit)}); in use: '
          f'{HOG_BOX_FROM_KEYPOINTS["retinaface"]}')
    print('landmark disagreement with dlib\'s own box, % of the '
          'inter-ocular distance:')
    for name, parts in table.items():
        print(f'  {name:14s}' + '; '.join(
            f'{part} median {s["median"]:.2f} mean {s["mean"]:.2f} '
            f'within 2: {s["within_2"]:.0f}% max {s["max"]:.1f}'
            for part, s in parts.items() if s))
    for r in turned:
        print(f'  turned: {r["key"]} box {r["box"]} turn {r["turn"]:+.2f}: '
              + ', '.join(f'{name} {r[name]:.1f}' for name in PLACEMENTS)
              + f', own box moved {r["own_box_moved"]:.1f}')
    if args.out:
        with open(args.out, 'w') as f:
            json.dump(dict(
                fit=box_fit.tolist(), keypoint_fit=keypoint_fit.tolist(),
                in_use=dict(box=HOG_BOX_FROM['retinaface'],
                            keypoints=HOG_BOX_FROM_KEYPOINTS['retinaface']),
                turned_from=args.turned, summary=table, faces=rows,
                retinaface_only=[
                    dict(key=key, box=[round(float(v), 1) for v in row[:4]],
                         turn=round(turn(keypoints_of(row)), 3),
                         in_profile=in_profile(keypoints_of(row)))
                    for key, row in alone
                ]), f, indent=1)
        print(f'wrote {args.out}')


if __name__ == '__main__':
    exit_on_user_error(main)
