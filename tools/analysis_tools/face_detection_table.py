"""Faces found per image by each face detector, with time per image.

    python tools/analysis_tools/face_detection_table.py IMG [IMG ...] \
        --expected single_face.jpg=1 multi_face.jpg=5 dogs.jpg=0 \
        --upscale group_of_six.jpg=8000x6000 \
        --retinaface-weights retinaface_mobilenet0.25.pth --out table.md

Prints (and writes as Markdown and JSON) one row per image: the faces a
person counts (``--expected``) and, per detector, the faces it found and
its milliseconds per image (median of ``--repeat`` runs, the detectors
taking turns so that a change in the machine's load affects them alike).
``--upscale NAME=WxH`` adds a row for the image enlarged to W x H (bicubic,
made in memory: a large photograph with less detail than pixels); dlib's
HOG detector, which searches the image at twice its size, is not run on
images over ``--hog-max-megapixels``. A detector that cannot be
built here (weights that need the network) is reported as unavailable.
``--draw DIR`` saves each image with every detector's boxes (and
keypoints, where a detector gives them).
"""
import argparse
import json
import os
import os.path as osp
import sys
from typing import Dict, List

import cv2
import numpy as np
import torch

from mmfau.apis import register_all_modules
from mmfau.faces import DlibFaceDetector, read_image
from mmfau.registry import FACE_DETECTORS
from mmfau.utils import exit_on_user_error, median_seconds

sys.path.insert(0, osp.dirname(osp.dirname(osp.abspath(__file__))))
from text_tables import render_table  # noqa: E402

#: Widest drawing saved, in pixels (larger images are shrunk).
DRAWN_WIDTH = 2560
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
    parser.add_argument('--upscale', nargs='*', default=[],
                        help='NAME=WxH: also NAME enlarged to W x H pixels')
    parser.add_argument('--hog-max-megapixels', type=float, default=20,
                        help='larger images are not given to dlib\'s HOG')
    parser.add_argument('--repeat', type=int, default=3,
                        help='timed runs per image (median)')
    parser.add_argument('--threads', type=int,
                        help='threads of the neural detectors (default: '
                        'torch\'s; 1 gives steadier times on a busy '
                        'machine)')
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


def measure(detectors: Dict[str, object], image: np.ndarray, key: str,
            repeat: int) -> Dict[str, tuple]:
    """Per detector, the boxes found and the median milliseconds of
    ``repeat`` runs, the detectors taking turns."""
    found = {name: [] for name in detectors}
    steps = [
        lambda name=name, detector=detector: found[name].append(
            detector.detect([image], [key])[0])
        for name, detector in detectors.items()
    ]
    seconds = median_seconds(steps, repeat)
    return {name: (found[name][-1], 1000 * s)
            for name, s in zip(detectors, seconds)}


def images(args):
    """(name, BGR image) of each input, and of each ``--upscale`` copy
    after its original."""
    upscale = {}
    for item in args.upscale:
        name, size = item.split('=', 1)
        width, height = (int(v) for v in size.lower().split('x'))
        upscale.setdefault(name, []).append((width, height))
    for path in args.images:
        image = read_image(path)
        if image is None:
            raise ValueError(f'{path}: not a readable image.')
        name = osp.basename(path)
        yield name, image
        for width, height in upscale.get(name, []):
            yield f'{name} at {width}x{height}', cv2.resize(
                image, (width, height), interpolation=cv2.INTER_CUBIC)


def draw(image: np.ndarray, boxes: np.ndarray, colour: tuple) -> None:
    """Boxes (and their keypoints, where given) drawn on the image."""
    thickness = max(2, image.shape[0] // 300)
    for row in boxes:
        x1, y1, x2, y2 = row[:4].astype(int)
        cv2.rectangle(image, (x1, y1), (x2, y2), colour, thickness)
        for x, y in row[5:15].reshape(-1, 2):
            if np.isfinite(x) and np.isfinite(y):
                cv2.circle(image, (int(x), int(y)), thickness, colour, -1)


def main():
    args = parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    register_all_modules()
    expected = dict(item.split('=', 1) for item in args.expected)
    built = detectors(args)
    results: List[dict] = []
    for name, image in images(args):
        original = name.split(' at ')[0]
        row = dict(image=name, size=f'{image.shape[1]}x{image.shape[0]}',
                   expected=expected.get(original, '?'), found={}, ms={},
                   threads=torch.get_num_threads())
        megapixels = image.shape[0] * image.shape[1] / 1e6
        runnable = {}
        for detector_name, detector in built.items():
            if isinstance(detector, str):
                row['found'][detector_name] = detector
            elif isinstance(detector, DlibFaceDetector) and \
                    megapixels > args.hog_max_megapixels:
                row['found'][detector_name] = \
                    f'not run (over {args.hog_max_megapixels:g} MP)'
            else:
                runnable[detector_name] = detector
        drawn = image.copy()
        measured = measure(runnable, image, name, args.repeat)
        for k, detector_name in enumerate(built):
            if detector_name in measured:
                boxes, ms = measured[detector_name]
                row['found'][detector_name] = len(boxes)
                row['ms'][detector_name] = round(ms, 1)
                draw(drawn, boxes, COLOURS[k % len(COLOURS)])
        row['found'] = {n: row['found'][n] for n in built}
        results.append(row)
        if args.draw:
            os.makedirs(args.draw, exist_ok=True)
            stem = osp.splitext(original)[0] + name[len(original):].replace(
                ' at ', '_')
            zoom = min(1.0, DRAWN_WIDTH / drawn.shape[1])
            cv2.imwrite(osp.join(args.draw, f'{stem}.png'),
                        cv2.resize(drawn, None, fx=zoom, fy=zoom,
                                   interpolation=cv2.INTER_AREA))
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
