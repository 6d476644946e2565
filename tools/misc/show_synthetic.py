"""Draw built-in synthetic faces with each difficulty factor alone.

    python tools/misc/show_synthetic.py --frames 3 517 1240 \
        --out difficulty.jpg

One row per frame; columns: every factor off, then each drawing factor
switched on alone (resting marks, head pose, occlusion, imaging), then all
of them (the default). Under each face: its labelled AUs with their FACS
levels. Coder disagreement and base rates change labels and frequencies,
not a given frame's drawing, so they have no column.
"""
import argparse

import cv2
import numpy as np

from mmfau.datasets import SyntheticFaceDataset
from mmfau.datasets.synthetic.difficulty import SyntheticDifficulty
from mmfau.utils import exit_on_user_error

#: The factors that change how a frame is drawn.
DRAWING_FACTORS = ('resting_marks', 'head_pose', 'occlusion', 'imaging')


def columns() -> list:
    """(title, difficulty switches) of each column."""
    none = SyntheticDifficulty.none().to_dict()
    cols = [('none', none)]
    cols += [(name.replace('_', ' '), dict(none, **{name: True}))
             for name in DRAWING_FACTORS]
    cols.append(('all (default)', SyntheticDifficulty().to_dict()))
    return cols


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--frames', nargs='+', type=int,
                        default=[3, 517, 1240],
                        help='frame indices in the data set (all parts)')
    parser.add_argument('--size', type=int, default=160)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--out', default='synthetic_difficulty.png')
    args = parser.parse_args()
    cols = columns()
    datasets = [
        SyntheticFaceDataset(parts=('P1', 'P2', 'P3'), image_size=args.size,
                             seed=args.seed, difficulty=switches)
        for _, switches in cols
    ]
    last = len(datasets[0]) - 1
    bad = [f for f in args.frames if not 0 <= f <= last]
    if bad:
        raise ValueError(f'Frames {bad} are outside 0..{last}.')
    band = 22
    rows = []
    for frame in args.frames:
        tiles = []
        for dataset in datasets:
            info = dataset.get_data_info(frame)
            tile = np.full((args.size + band, args.size, 3), 255, np.uint8)
            tile[:args.size] = info['img']
            levels = [f'{au}{"ABCDE"[lv - 1]}'
                      for au, lv in zip(dataset.aus, info['au_intensities'])
                      if lv >= dataset.present_from]
            cv2.putText(tile, ' '.join(levels) or '-', (3, args.size + 15),
                        cv2.FONT_HERSHEY_SIMPLEX, 0.36, (0, 0, 0), 1,
                        cv2.LINE_AA)
            tiles.append(tile)
        rows.append(np.hstack(tiles))
    header = np.full((band, rows[0].shape[1], 3), 255, np.uint8)
    for i, (title, _) in enumerate(cols):
        cv2.putText(header, title, (i * args.size + 4, 16),
                    cv2.FONT_HERSHEY_SIMPLEX, 0.45, (0, 0, 0), 1,
                    cv2.LINE_AA)
    cv2.imwrite(args.out, np.vstack([header] + rows))
    print(f'wrote {args.out}')


if __name__ == '__main__':
    exit_on_user_error(main)
