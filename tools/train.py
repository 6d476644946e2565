"""Train an AU recognizer with MMEngine's Runner."""
import argparse
import os
import os.path as osp
import sys

import torch
from mmengine.config import Config, DictAction

from mmfau.apis import register_all_modules
from mmfau.engine.runner import TrainingStopped, build_runner, train
from mmfau.utils import (
    check_option_types,
    exit_on_user_error,
    read_config_file,
    setup_cpu_distributed,
    shutdown_distributed,
)


def parse_args():
    parser = argparse.ArgumentParser(description='Train an AU recognizer')
    parser.add_argument('config', help='train config file path')
    parser.add_argument('--work-dir', help='the dir to save logs and models')
    parser.add_argument(
        '--resume',
        nargs='?',
        type=str,
        const='auto',
        help='resume from the given checkpoint, or from the latest one in '
        'the work dir when no path is given')
    parser.add_argument(
        '--amp',
        action='store_true',
        help='mixed precision training (bf16 where the device supports it)')
    parser.add_argument(
        '--auto-scale-lr',
        action='store_true',
        help='scale the learning rate by the total batch size')
    parser.add_argument(
        '--deterministic',
        action='store_true',
        help='deterministic algorithms (with the config seed: a resumed run '
        'ends where an uninterrupted one does)')
    parser.add_argument(
        '--seed', type=int, help='random seed (default: the config\'s)')
    parser.add_argument(
        '--channels-last',
        action='store_true',
        help='channels-last memory format for images and backbone (faster '
        'convolutions with --amp on recent GPUs)')
    parser.add_argument(
        '--compile',
        nargs='?',
        const='default',
        metavar='MODE',
        help='compile the model\'s forward and losses into one graph '
        '(CompileHook), optionally in a torch.compile mode: default, '
        'reduce-overhead or max-autotune')
    parser.add_argument(
        '--no-validate',
        action='store_true',
        help='do not evaluate checkpoints during training')
    parser.add_argument(
        '--cfg-options',
        nargs='+',
        action=DictAction,
        help='override settings of the config, key=value pairs')
    parser.add_argument(
        '--launcher',
        choices=['none', 'pytorch', 'slurm', 'mpi'],
        default='none',
        help='job launcher')
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)
    args = parser.parse_args()
    if 'LOCAL_RANK' not in os.environ:
        os.environ['LOCAL_RANK'] = str(args.local_rank)
    return args


def merge_args(cfg: Config, args) -> Config:
    """Apply the command-line options to the config."""
    cfg.launcher = args.launcher
    if args.work_dir is not None:
        cfg.work_dir = args.work_dir
    elif cfg.get('work_dir', None) is None:
        cfg.work_dir = osp.join('./work_dirs',
                                osp.splitext(osp.basename(args.config))[0])
    if args.amp:
        if not torch.cuda.is_available():
            raise ValueError('--amp needs a CUDA GPU; this machine has '
                             'none, so train without it.')
        cfg.optim_wrapper.type = 'AmpOptimWrapper'
        cfg.optim_wrapper.setdefault(
            'dtype',
            'bfloat16' if torch.cuda.is_bf16_supported() else 'float16')
    if args.deterministic:
        cfg.randomness = dict(cfg.get('randomness', {}), deterministic=True)
    if args.seed is not None:
        cfg.randomness = dict(cfg.get('randomness', {}), seed=args.seed)
    if args.channels_last:
        cfg.model.data_preprocessor.channels_last = True
    if args.compile:
        cfg.custom_hooks = list(cfg.get('custom_hooks', [])) + [
            dict(type='CompileHook', mode=args.compile)]
    if args.auto_scale_lr:
        cfg.auto_scale_lr.enable = True
    if args.no_validate:
        cfg.val_cfg = cfg.val_dataloader = cfg.val_evaluator = None
    if args.resume == 'auto':
        cfg.resume = True
        cfg.load_from = None
    elif args.resume is not None:
        cfg.resume = True
        cfg.load_from = args.resume
    if args.cfg_options is not None:
        check_option_types(cfg, args.cfg_options)
        cfg.merge_from_dict(args.cfg_options)
    return cfg


def main():
    args = parse_args()
    register_all_modules(init_default_scope=False)
    cfg = merge_args(read_config_file(args.config), args)
    setup_cpu_distributed(cfg, args.launcher)
    try:
        train(build_runner(cfg))
    except TrainingStopped as stopped:
        print(stopped, file=sys.stderr)
        sys.exit(stopped.exit_code)
    shutdown_distributed()


if __name__ == '__main__':
    exit_on_user_error(main)
