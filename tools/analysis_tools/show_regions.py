"""Detect a face, align it and draw its 68 landmarks and 8 judgment regions.

    python tools/analysis_tools/show_regions.py IMAGE --out regions.png
"""
import argparse
import os.path as osp
import sys

import cv2
import numpy as np
import torch

from mmfau.apis import register_all_modules
from mmfau.faces import FaceGeometry, align_face
from mmfau.facs.regions import landmarks_to_boxes
from mmfau.registry import LANDMARK_DETECTORS
from mmfau.structures import FAUDataSample
from mmfau.utils import exit_on_user_error
from mmfau.visualization import FAUVisualizer

sys.path.insert(0, osp.dirname(osp.dirname(osp.abspath(__file__))))
from cli_options import (  # noqa: E402
    add_landmark_arguments,
    landmark_config_from_args,
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('image', help='image file, or "astronaut" for '
                        "scikit-image's sample photograph")
    parser.add_argument('--out', default='regions.png', help='output image')
    add_landmark_arguments(parser, 'dlib', '<image path as given>')
    parser.add_argument('--size', type=int, default=FaceGeometry().size,
                        help='crop side')
    return parser.parse_args()


def main():
    args = parse_args()
    register_all_modules()
    if args.image == 'astronaut':
        from skimage import data
        image = np.ascontiguousarray(data.astronaut()[..., ::-1])
    else:
        image = cv2.imread(args.image, cv2.IMREAD_COLOR)
        if image is None:
            raise FileNotFoundError(f'{args.image}: not a readable image.')
    detector = LANDMARK_DETECTORS.build(landmark_config_from_args(args))
    faces = detector.detect([image], [args.image])[0]
    if not faces:
        raise ValueError(f'{args.image}: no face found.')
    crop, landmarks, _ = align_face(image, faces[0].landmarks,
                                     FaceGeometry(args.size))
    sample = FAUDataSample().set_region_boxes(
        landmarks_to_boxes(landmarks, crop.shape))
    sample.set_field(torch.from_numpy(landmarks), 'landmarks')
    visualizer = FAUVisualizer(scale=2 * args.size)
    picture = visualizer.draw_face(crop[..., ::-1], sample)
    cv2.imwrite(args.out, picture[..., ::-1])
    print(f'wrote {args.out}')


if __name__ == '__main__':
    exit_on_user_error(main)
