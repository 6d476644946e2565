"""Faces found per image by each face detector, with time per image.

    python tools/analysis_tools/face_detection_table.py IMG [IMG ...] \
        --expected single_face.jpg=1 multi_face.jpg=5 dogs.jpg=0 \
        --retinaface-weights retinaface_mobilenet0.25.pth --out table.md

Prints (and writes as Markdown and JSON) one row per image: the faces a
person counts (``--expected``) and, per detector, the faces it found and
its milliseconds per image (median of ``--repeat`` runs). A detector that
cannot be built here (weights that need the network) is reported as
unavailable. ``--draw DIR`` saves each image with every detector's boxes.
"""
import argparse
import json
import os
import os.path as osp
import sys
from typing import Dict, List

import cv2
import numpy as np

from mmfau.apis import register_all_modules
from mmfau.faces import read_image
from mmfau.registry import FACE_DETECTORS
from mmfau.utils import exit_on_user_error, median_seconds

sys.path.insert(0, osp.dirname(osp.dirname(osp.abspath(__file__))))
from text_tables import render_table  # noqa: E402

#: One colour (BGR) per detector in the drawings.
COLOURS = ((0, 200, 255), (0, 0, 255), (255, 0, 0), (255, 0, 255),
           (0, 160, 0))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('images', nargs='+', help='image files')
    parser.add_argument('--expected', nargs='*', default=[],
                        help='NAME=COUNT: faces a person counts in NAME')
    parser.add_argument('--retinaface-weights',
                        help='RetinaFace weights (default: downloaded)')
    parser.add_argument('--s3fd-weights',
                        help='S3FD weights (default: downloaded)')
    parser.add_argument('--repeat', type=int, default=3,
                        help='timed runs per image (median)')
    parser.add_argument('--out', default='face_detection.md',
                        help='Markdown table; a .json file goes beside it')
    parser.add_argument('--draw', help='folder for the images with boxes')
    return parser.parse_args()


def detectors(args) -> Dict[str, object]:
    """The detectors to compare: each built, or the reason it cannot be."""
    configs = {
        'dlib HOG': dict(type='DlibFaceDetector'),
        'RetinaFace (score >= 0.5)': dict(
            type='RetinaFaceDetector', path=args.retinaface_weights,
            min_score=0.5),
        'RetinaFace (default: score >= 0.9, faces >= 48 px)': dict(
            type='RetinaFaceDetector', path=args.retinaface_weights),
        'RetinaFace, full resolution (score >= 0.9)': dict(
            type='RetinaFaceDetector', path=args.retinaface_weights,
            min_face_size=0),
        'S3FD': dict(type='S3FDFaceDetector', path=args.s3fd_weights),
    }
    built = {}
    for name, cfg in configs.items():
        try:
            built[name] = FACE_DETECTORS.build(cfg)
        except (OSError, RuntimeError, ImportError) as err:
            built[name] = f'unavailable ({type(err).__name__})'
    return built


def measure(detector, image: np.ndarray, key: str, repeat: int):
    """Boxes found and the median milliseconds of ``repeat`` runs."""
    found = []
    seconds, = median_seconds(
        [lambda: found.append(detector.detect([image], [key])[0])], repeat)
    return found[-1], 1000 * seconds


def main():
    args = parse_args()
    register_all_modules()
    expected = dict(item.split('=', 1) for item in args.expected)
    built = detectors(args)
    results: List[dict] = []
    for path in args.images:
        image = read_image(path)
        if image is None:
            raise ValueError(f'{path}: not a readable image.')
        name = osp.basename(path)
        row = dict(image=name, size=f'{image.shape[1]}x{image.shape[0]}',
                   expected=expected.get(name, '?'), found={}, ms={})
        drawn = image.copy()
        for k, (detector_name, detector) in enumerate(built.items()):
            if isinstance(detector, str):
                row['found'][detector_name] = detector
                continue
            boxes, ms = measure(detector, image, name, args.repeat)
            row['found'][detector_name] = len(boxes)
            row['ms'][detector_name] = round(ms, 1)
            for x1, y1, x2, y2, _ in boxes.astype(int):
                cv2.rectangle(drawn, (x1, y1), (x2, y2),
                              COLOURS[k % len(COLOURS)],
                              max(2, image.shape[0] // 300))
        results.append(row)
        if args.draw:
            os.makedirs(args.draw, exist_ok=True)
            cv2.imwrite(osp.join(args.draw, f'{osp.splitext(name)[0]}.png'),
                        drawn)
    names = list(built)
    header = ['image', 'size', 'faces (by eye)'] + [
        f'{n}: found / ms' for n in names
    ]
    rows = [header]
    for row in results:
        cells = [row['image'], row['size'], str(row['expected'])]
        for n in names:
            found = row['found'][n]
            cells.append(found if isinstance(found, str) else
                         f'{found} / {row["ms"][n]:.0f}')
        rows.append(cells)
    table = render_table(rows)['md']
    print(table)
    with open(args.out, 'w') as f:
        f.write(table)
    with open(osp.splitext(args.out)[0] + '.json', 'w') as f:
        json.dump(results, f, indent=2)
    print(f'wrote {args.out}')


if __name__ == '__main__':
    exit_on_user_error(main)
