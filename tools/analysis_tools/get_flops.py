"""Print the parameters of each component of a model and its FLOPs."""
import argparse

import torch
from mmengine.analysis import FlopAnalyzer, parameter_count
from mmengine.config import Config, DictAction
from torch import nn

from mmfau.apis import init_model
from mmfau.deployment import AUInferenceGraph
from mmfau.faces.landmark_scheme import CANONICAL_FACE
from mmfau.facs.regions import landmarks_to_boxes
from mmfau.utils import exit_on_user_error


def parse_args():
    parser = argparse.ArgumentParser(
        description='Parameters per component and FLOPs of a model')
    parser.add_argument('config', help='config file path')
    parser.add_argument(
        '--shape', type=int, default=None,
        help='input side in pixels (default: the test crop of the config)')
    parser.add_argument(
        '--cfg-options', nargs='+', action=DictAction,
        help='override settings of the config, key=value pairs')
    return parser.parse_args()


def _test_crop(cfg: Config) -> int:
    for step in cfg.test_dataloader.dataset.get('pipeline', []):
        if step['type'] == 'FaceCenterCrop':
            size = step['crop_size']
            return size if isinstance(size, int) else size[0]
    return 224


def component_table(model: nn.Module) -> str:
    """Parameters of each top-level component and of each head part."""
    counts = parameter_count(model)
    names = [n for n, _ in model.named_children()]
    names += [f'head.{n}' for n, _ in model.head.named_children()]
    rows = [f'{"component":<32}{"parameters":>14}']
    for name in names:
        if counts.get(name, 0) and name != 'data_preprocessor':
            rows.append(f'{name:<32}{counts[name]:>14,}')
    rows.append(f'{"total":<32}{counts[""]:>14,}')
    return '\n'.join(rows)


def main():
    args = parse_args()
    model = init_model(args.config, cfg_options=args.cfg_options)
    size = args.shape or _test_crop(model.cfg)
    # the mean face filling the crop: without a checkpoint there is no
    # face geometry of training data for mmfau.deployment.example_face
    boxes = torch.from_numpy(
        landmarks_to_boxes(CANONICAL_FACE * size, (size, size)))[None]
    analyzer = FlopAnalyzer(AUInferenceGraph(model),
                            (torch.zeros(1, 3, size, size), boxes))
    analyzer.unsupported_ops_warnings(False).uncalled_modules_warnings(False)
    flops = analyzer.by_module()
    print(f'Config: {args.config}\nInput: 1x3x{size}x{size}\n')
    print(component_table(model))
    print(f'\nFLOPs (multiply-adds) per face: {flops[""] / 1e9:.3f} G')
    for name in ('model.backbone', 'model.neck', 'model.head'):
        print(f'  {name[6:]:<12}{flops.get(name, 0) / 1e9:.3f} G')


if __name__ == '__main__':
    exit_on_user_error(main)
