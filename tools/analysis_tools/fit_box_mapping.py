"""Fit where dlib's HOG detector puts its box relative to RetinaFace's, and
measure how much the 68-point predictor's landmarks differ between them.

    python tools/analysis_tools/fit_box_mapping.py IMAGE_OR_VIDEO [...] \
        --retinaface-weights retinaface_mobilenet0.25.pth --every 12

On every face both detectors find (IoU > 0.3), the HOG box's centre shift
and size relative to the RetinaFace box are collected; their medians are
the mapping (``HOG_BOX_FROM['retinaface']`` in
``mmfau/faces/landmark_detectors/dlib_detector.py``). The agreement is the
mean distance between the predictor's points in the HOG box and in the
RetinaFace box, raw and mapped, in % of the inter-ocular distance (outer eye
corners).
"""
import argparse
import json

import numpy as np

from mmfau.faces import DlibLandmarkDetector, iterate_frames
from mmfau.faces.face_detectors import (
    DlibFaceDetector,
    RetinaFaceDetector,
)
from mmfau.faces.identity_tracker import box_iou
from mmfau.faces.landmark_detectors.dlib_detector import (
    HOG_BOX_FROM,
    to_hog_box,
)
from mmfau.utils import exit_on_user_error


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('inputs', nargs='+', help='photographs or videos')
    parser.add_argument('--retinaface-weights', help='RetinaFace weights '
                        '(default: downloaded by face-alignment)')
    parser.add_argument('--every', type=int, default=12,
                        help='use every N-th frame of a video')
    parser.add_argument('--out', help='JSON of the pairs, fit and figures')
    return parser.parse_args()


def relative_box(hog: np.ndarray, other: np.ndarray) -> np.ndarray:
    """(dx, dy, width ratio, height ratio) of a HOG box against another."""
    width, height = other[2] - other[0], other[3] - other[1]
    return np.array([
        ((hog[0] + hog[2]) - (other[0] + other[2])) / 2 / width,
        ((hog[1] + hog[3]) - (other[1] + other[3])) / 2 / height,
        (hog[2] - hog[0]) / width, (hog[3] - hog[1]) / height
    ])


def disagreement(reference: np.ndarray, other: np.ndarray) -> float:
    """Mean point distance in % of the inter-ocular distance."""
    eyes = np.linalg.norm(reference[36] - reference[45])
    return float(np.linalg.norm(reference - other, axis=1).mean() / eyes *
                 100)


def main():
    args = parse_args()
    hog = DlibFaceDetector()
    retina = RetinaFaceDetector(path=args.retinaface_weights)
    predictor = DlibLandmarkDetector()  # with a HOG detector: no mapping
    pairs = []
    for source in args.inputs:
        for frame in iterate_frames(source):
            if frame.frame % args.every:
                continue
            a = hog.detect([frame.image])[0][:, :4]
            b = retina.detect([frame.image])[0][:, :4]
            if not len(a) or not len(b):
                continue
            overlap = box_iou(a, b)
            for i, j in enumerate(overlap.argmax(1)):
                if overlap[i, j] > 0.3:
                    pairs.append((frame.key, frame.image, a[i], b[j]))
    if not pairs:
        raise ValueError('No face was found by both detectors.')
    fit = np.median([relative_box(a, b) for _, _, a, b in pairs], axis=0)
    rows = []
    for key, image, a, b in pairs:
        points = [face.landmarks for face in predictor.refine(
            [image], None, [[a, b, to_hog_box(b, fit)]])[0]]
        rows.append(dict(key=key, raw=disagreement(points[0], points[1]),
                         mapped=disagreement(points[0], points[2])))
    raw = np.array([r['raw'] for r in rows])
    mapped = np.array([r['mapped'] for r in rows])
    print(f'{len(pairs)} faces found by both detectors')
    print('fitted mapping (dx, dy, width ratio, height ratio): '
          f'({", ".join(f"{v:.3f}" for v in fit)}); in use: '
          f'{HOG_BOX_FROM["retinaface"]}')
    print(f'landmark disagreement, % of the inter-ocular distance: raw '
          f'median {np.median(raw):.1f}, mean {raw.mean():.1f}; mapped '
          f'median {np.median(mapped):.1f}, mean {mapped.mean():.1f}, '
          f'{(mapped <= 2).mean() * 100:.0f}% of faces within 2')
    if args.out:
        with open(args.out, 'w') as f:
            json.dump(dict(fit=fit.tolist(), faces=rows), f, indent=1)
        print(f'wrote {args.out}')


if __name__ == '__main__':
    exit_on_user_error(main)
