"""Write the built-in synthetic faces as a copy of the BP4D release.

To try the BP4D converter and training on converted faces without the
licensed data:

    python tools/misc/synthetic_bp4d.py data/synthetic_bp4d --frames 300
    python tools/dataset_converters/bp4d.py data/synthetic_bp4d \\
        --out data/synthetic_bp4d_converted --landmarks file \\
        --landmark-file data/synthetic_bp4d/landmarks.json
"""
import argparse

from mmfau.datasets.synthetic_release import write_bp4d_release
from mmfau.utils import exit_on_user_error


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('out', help='folder to write')
    parser.add_argument('--frames', type=int, default=100,
                        help='frames per subject')
    parser.add_argument('--subjects-per-part', type=int, default=1,
                        help='BP4D subjects of each protocol part (1-13)')
    parser.add_argument('--size', type=int, default=256,
                        help='side of each frame in pixels')
    parser.add_argument('--seed', type=int, default=0,
                        help='seed of the drawn faces')
    args = parser.parse_args()
    written = write_bp4d_release(args.out, args.frames,
                                 args.subjects_per_part, args.size, args.seed)
    print(f'wrote {len(written["subjects"])} subjects '
          f'({", ".join(written["subjects"])}) x {args.frames} frames to '
          f'{args.out}; their landmarks: {written["landmark_file"]}')


if __name__ == '__main__':
    exit_on_user_error(main)
