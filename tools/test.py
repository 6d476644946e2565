"""Evaluate a checkpoint, optionally writing per-frame predictions."""
import argparse
import os
import os.path as osp

import mmengine
from mmengine.config import DictAction
from mmengine.evaluator import DumpResults

from mmfau.apis import register_all_modules
from mmfau.engine.runner import build_runner
from mmfau.utils import (
    check_option_types,
    exit_on_user_error,
    read_config_file,
    setup_cpu_distributed,
    shutdown_distributed,
)


def parse_args():
    parser = argparse.ArgumentParser(description='Test an AU recognizer')
    parser.add_argument('config', help='test config file path')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument('--work-dir', help='the dir to save logs and metrics')
    parser.add_argument(
        '--out',
        help='write per-frame predictions: .csv for a table (one row per '
        'face: subject, session, frame, image, each AU probability and '
        'presence), .pkl for the raw data samples')
    parser.add_argument(
        '--metrics-out', help='write the metrics as JSON to this file')
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


def main():
    args = parse_args()
    register_all_modules(init_default_scope=False)
    cfg = read_config_file(args.config)
    cfg.launcher = args.launcher
    if args.cfg_options is not None:
        check_option_types(cfg, args.cfg_options)
        cfg.merge_from_dict(args.cfg_options)
    if args.work_dir is not None:
        cfg.work_dir = args.work_dir
    elif cfg.get('work_dir', None) is None:
        cfg.work_dir = osp.join('./work_dirs',
                                osp.splitext(osp.basename(args.config))[0])
    cfg.load_from = args.checkpoint
    setup_cpu_distributed(cfg, args.launcher)

    if args.out is not None:
        evaluators = cfg.test_evaluator
        if not isinstance(evaluators, (list, tuple)):
            evaluators = [evaluators]
        if args.out.endswith('.csv'):
            dump = dict(type='PredictionCSVWriter', out_file=args.out)
        elif args.out.endswith(('.pkl', '.pickle')):
            dump = None
        else:
            raise ValueError(f'--out {args.out}: use a .csv or .pkl file.')
        cfg.test_evaluator = list(evaluators) + ([dump] if dump else [])

    runner = build_runner(cfg, 'test')
    if args.out is not None and dump is None:
        runner.test_evaluator.metrics.append(
            DumpResults(out_file_path=args.out))
    metrics = runner.test()
    if args.metrics_out is not None and runner.rank == 0:
        mmengine.dump(metrics, args.metrics_out, indent=2)
    shutdown_distributed()


if __name__ == '__main__':
    exit_on_user_error(main)
