"""Draw test faces with their regions, landmarks and predicted AUs."""
import argparse
import os
import os.path as osp

import torch
from mmengine.config import DictAction
from mmengine.dataset import pseudo_collate

from mmfau.apis import init_model
from mmfau.registry import DATASETS, VISUALIZERS
from mmfau.utils import exit_on_user_error


def parse_args():
    parser = argparse.ArgumentParser(
        description='Draw test faces with regions and predicted AUs')
    parser.add_argument('config', help='config file path')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument('--out-dir', default='work_dirs/show',
                        help='folder for the pictures')
    parser.add_argument('--num', type=int, default=4,
                        help='how many test faces')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        help='override settings of the config')
    return parser.parse_args()


def main():
    args = parse_args()
    model = init_model(args.config, args.checkpoint,
                       cfg_options=args.cfg_options)
    dataset = DATASETS.build(model.cfg.test_dataloader.dataset)
    visualizer = VISUALIZERS.build(
        dict(type='FAUVisualizer', name='show_predictions'))
    visualizer.dataset_meta = dataset.metainfo
    os.makedirs(args.out_dir, exist_ok=True)
    indices = range(min(args.num, len(dataset)))
    batch = pseudo_collate([dataset[i] for i in indices])
    with torch.no_grad():
        samples = model.test_step(batch)
    for inputs, sample in zip(batch['inputs'], samples):
        image = inputs.permute(1, 2, 0).numpy()[..., ::-1]  # BGR -> RGB
        name = f'{sample.subject}_{sample.frame}.png' if 'subject' in sample \
            else f'{sample.sample_idx}.png'
        out_file = osp.join(args.out_dir, name)
        visualizer.add_datasample(name, image, sample, out_file=out_file)
        print(f'wrote {out_file}')


if __name__ == '__main__':
    exit_on_user_error(main)
