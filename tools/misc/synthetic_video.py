"""Write a video of synthetic faces to try the video demo on.

    python tools/misc/synthetic_video.py demo.avi --frames 120 --faces 2
"""
import argparse

from mmfau.datasets.synthetic import write_synthetic_video
from mmfau.utils import exit_on_user_error


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('out', help='video file (.avi or .mp4)')
    parser.add_argument('--frames', type=int, default=120)
    parser.add_argument('--faces', type=int, default=1,
                        help='people side by side')
    parser.add_argument('--size', type=int, default=256,
                        help='side of each face in pixels')
    parser.add_argument('--fps', type=float, default=15.0)
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args()
    write_synthetic_video(args.out, args.frames, args.faces, args.size,
                          args.fps, seed=args.seed)
    print(f'wrote {args.out}')


if __name__ == '__main__':
    exit_on_user_error(main)
