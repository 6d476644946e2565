"""Convert the official BP4D release into aligned faces and annotations.

    python tools/dataset_converters/bp4d.py BP4D_ROOT --out data/bp4d

writes ``images/<subject>/<task>/<frame>.jpg`` (aligned 256x256 crops),
``annotations/P1.json`` ... ``P3.json`` (one per subject part) and
``report.txt``. Stop it at any time; running it again skips finished frames.
"""
import argparse

from mmfau.datasets.converters import convert, detector_config, scan_bp4d
from mmfau.facs import BP4D_AUS


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('root', help='BP4D release folder (holds AUCoding/)')
    parser.add_argument('--out', default='data/bp4d', help='output folder')
    parser.add_argument(
        '--frames-root',
        help='folder of <subject>/<task>/<frame>.jpg (default: found under '
        'ROOT among 2D+3D, Sequences, ...)')
    parser.add_argument(
        '--landmarks', default='fan', choices=['fan', 'dlib', 'file'],
        help='landmark backend: FAN (downloads its weights once), dlib '
        '(offline, pip install -e .[dlib]) or a file of your own')
    parser.add_argument(
        '--landmark-file',
        help='with --landmarks file: JSON mapping "<subject>/<task>/<frame '
        'file>" to 68 [x, y] points (or null when there is no face)')
    parser.add_argument('--size', type=int, default=256, help='crop side')
    parser.add_argument('--workers', type=int, default=4,
                        help='processes (0: this one)')
    parser.add_argument('--batch-size', type=int, default=16,
                        help='frames per landmark-detector call')
    parser.add_argument('--subjects', nargs='+', help='only these subjects')
    return parser.parse_args()


def main():
    args = parse_args()
    sequences, report = scan_bp4d(args.root, args.frames_root,
                                  subjects=args.subjects)
    detector = detector_config(args.landmarks, args.landmark_file)
    convert('BP4D', sequences, BP4D_AUS, args.out, detector, report,
            args.size, args.workers, args.batch_size)
    print(report.summary(BP4D_AUS))
    print(f'Every problem is listed with its path in {args.out}/report.txt')


if __name__ == '__main__':
    main()
