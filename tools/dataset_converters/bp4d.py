"""Convert the official BP4D release into aligned faces and annotations.

    python tools/dataset_converters/bp4d.py BP4D_ROOT --out data/bp4d

writes ``images/<subject>/<task>/<frame>.jpg`` (aligned 256x256 crops),
``annotations/P1.json`` ... ``P3.json`` (one per subject part) and
``report.txt``. Stop it at any time; running it again skips finished frames.
"""
import argparse

from converter_options import add_conversion_arguments, conversion_kwargs

from mmfau.datasets.converters import convert, scan_bp4d
from mmfau.facs import BP4D_AUS
from mmfau.utils import exit_on_user_error


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('root', help='BP4D release folder (holds AUCoding/)')
    parser.add_argument('--out', default='data/bp4d', help='output folder')
    parser.add_argument(
        '--frames-root',
        help='folder of <subject>/<task>/<frame>.jpg (default: found under '
        'ROOT among 2D+3D, Sequences, ...)')
    add_conversion_arguments(parser, '<subject>/<task>/<frame file>')
    args = parser.parse_args()
    sequences, report = scan_bp4d(args.root, args.frames_root,
                                  subjects=args.subjects)
    convert('BP4D', sequences, BP4D_AUS, args.out, report=report,
            **conversion_kwargs(args))
    print(report.summary(BP4D_AUS))
    print(f'Every problem is listed with its path in {args.out}/report.txt')


if __name__ == '__main__':
    exit_on_user_error(main)
