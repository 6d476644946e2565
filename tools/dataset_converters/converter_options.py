"""The command-line options every dataset converter shares."""
import argparse
import os.path as osp
import sys

from mmfau.faces import FaceGeometry

sys.path.insert(0, osp.dirname(osp.dirname(osp.abspath(__file__))))
from cli_options import (  # noqa: E402
    add_landmark_arguments,
    batch_size,
    landmark_config_from_args,
)


def add_conversion_arguments(parser: argparse.ArgumentParser,
                             key_example: str,
                             landmarks: str = 'fan') -> None:
    """Face detector and landmark backend, face geometry, processes, batch
    and subjects.

    Args:
        parser (ArgumentParser): The converter's parser.
        key_example (str): How a landmark file names a frame, for the help.
        landmarks (str): The default landmark backend.
    """
    default = FaceGeometry()
    add_landmark_arguments(parser, landmarks, key_example)
    parser.add_argument(
        '--size', type=int, default=default.size,
        help='side of the aligned faces (stored with the annotations; '
        'training and inference follow it)')
    parser.add_argument(
        '--face-scale', type=float, default=default.face_scale,
        help='size of the face relative to the crop (below 1 leaves a '
        'margin)')
    parser.add_argument('--workers', type=int, default=4,
                        help='processes (0: this one)')
    parser.add_argument('--batch-size', type=batch_size, default=16,
                        help='frames per landmark-detector call')
    parser.add_argument('--subjects', nargs='+', help='only these subjects')


def conversion_kwargs(args: argparse.Namespace) -> dict:
    """Keyword arguments of :func:`mmfau.datasets.converters.convert`."""
    return dict(
        detector_cfg=landmark_config_from_args(args),
        geometry=FaceGeometry(args.size, args.face_scale),
        workers=args.workers,
        batch_size=args.batch_size)
