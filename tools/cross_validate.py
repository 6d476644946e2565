"""Run (or collect) the folds of a config family and print the paper's table.

    python tools/cross_validate.py configs/fau/full_bp4d   # _f1, _f2, _f3
    python tools/cross_validate.py A.py B.py C.py --collect-only

For each fold: when ``<work-root>/<config>/test_metrics.json`` exists it is
collected; otherwise the fold is trained with tools/train.py and its last
checkpoint tested with tools/test.py. Prints per-AU F1 of each fold and of
their mean (the layout of the paper's Tables 3 and 4) and writes it as CSV
and Markdown.
"""
import argparse
import glob
import json
import os
import os.path as osp
import re
import subprocess
import sys
from typing import Dict, List, Optional

from mmfau.utils import exit_on_user_error

HERE = osp.dirname(osp.abspath(__file__))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument(
        'configs', nargs='+',
        help='fold configs, or one family prefix whose _f1.py, _f2.py and '
        '_f3.py are the folds')
    parser.add_argument('--work-root', default='work_dirs',
                        help='each fold trains in <work-root>/<config name>')
    parser.add_argument('--out-dir', help='where the CSV and Markdown go '
                        '(default: <work-root>/<family>_cv)')
    parser.add_argument('--collect-only', action='store_true',
                        help='only collect finished folds')
    parser.add_argument('--cfg-options', nargs='+', default=[],
                        help='passed to train.py and test.py')
    return parser.parse_args()


#: Folds of the 3-fold subject-independent protocol.
NUM_FOLDS = 3


def fold_configs(names: List[str]) -> List[str]:
    """Expand a family prefix into its fold configs ``_f1.py`` ..
    ``_f3.py``; every fold must exist."""
    if len(names) == 1 and not names[0].endswith('.py'):
        configs = [f'{names[0]}_f{k}.py' for k in range(1, NUM_FOLDS + 1)]
        missing = [c for c in configs if not osp.isfile(c)]
        if missing:
            found = sorted(glob.glob(f'{names[0]}_f*.py'))
            raise FileNotFoundError(
                f'The family {names[0]} lacks fold config(s) {missing} '
                f'(found {found or "none"}).')
        return configs
    missing = [n for n in names if not osp.isfile(n)]
    if missing:
        raise FileNotFoundError(f'Config file(s) not found: {missing}')
    return list(names)


def _run(args: List[str], log: Optional[str] = None) -> None:
    print('+', ' '.join(args), flush=True)
    if log is None:
        subprocess.run([sys.executable] + args, check=True)
        return
    with open(log, 'a') as f:
        done = subprocess.run([sys.executable] + args, stdout=f,
                              stderr=subprocess.STDOUT)
    if done.returncode:
        with open(log) as f:
            last = [line.strip() for line in f if line.strip()][-1:]
        raise RuntimeError(f'{osp.basename(args[0])} {args[1]} failed (exit '
                           f'{done.returncode}): {"".join(last)} (output in '
                           f'{log})')


def run_fold(config: str, work_dir: str, options: List[str],
             log: Optional[str] = None) -> dict:
    """Train and test one fold unless its metrics exist; return them.

    The test is of the last checkpoint: no choice is made on the test part.
    ``log``, when given, receives the tools' output instead of the console.
    """
    metrics_file = osp.join(work_dir, 'test_metrics.json')
    if not osp.exists(metrics_file):
        extra = ['--cfg-options', *options] if options else []
        if log is not None:
            os.makedirs(work_dir, exist_ok=True)
        _run([osp.join(HERE, 'train.py'), config, '--work-dir', work_dir,
              *extra], log)
        with open(osp.join(work_dir, 'last_checkpoint')) as f:
            checkpoint = f.read().strip()
        _run([osp.join(HERE, 'test.py'), config, checkpoint, '--work-dir',
              work_dir, '--metrics-out', metrics_file, *extra], log)
    with open(metrics_file) as f:
        return json.load(f)


def run_fold_with_validation_thresholds(config: str, work_dir: str,
                                        options: List[str],
                                        train_parts: List,
                                        log: Optional[str] = None) -> dict:
    """Train one fold without its validation subjects, choose each AU's
    presence threshold on them, and test at 0.5 and at those thresholds;
    unless the metrics exist. Returns the test metrics at 0.5 with
    ``F1_val/mean``, ``F1_val/AU1`` ... (F1 at the validation thresholds)
    and ``threshold/AU1`` ... added.

    The validation subjects are every fourth of the training part's
    (:func:`mmfau.datasets.protocol.validation_subjects`); the test part is
    never looked at before the final test.
    """
    metrics_file = osp.join(work_dir, 'test_metrics_val_thresholds.json')
    if osp.exists(metrics_file):
        with open(metrics_file) as f:
            return json.load(f)
    metrics = run_fold(
        config, work_dir,
        [*options, 'train_dataloader.dataset.filter_cfg.subjects=train'],
        log)
    with open(osp.join(work_dir, 'last_checkpoint')) as f:
        checkpoint = f.read().strip()
    chosen_file = osp.join(work_dir, 'validation_metrics.json')
    parts = '[' + ','.join(str(p) for p in train_parts) + ']'
    _run([osp.join(HERE, 'test.py'), config, checkpoint, '--work-dir',
          work_dir, '--metrics-out', chosen_file, '--cfg-options', *options,
          f'test_dataloader.dataset.parts={parts}',
          'test_dataloader.dataset.filter_cfg.subjects=validation',
          'test_evaluator.best_thresholds=True'], log)
    with open(chosen_file) as f:
        chosen = json.load(f)
    aus = [k[len('threshold/'):] for k in chosen
           if k.startswith('threshold/')]
    thresholds = [chosen[f'threshold/{au}'] for au in aus]
    tuned_file = osp.join(work_dir, 'test_metrics_at_thresholds.json')
    values = '[' + ','.join(f'{t:.6f}' for t in thresholds) + ']'
    _run([osp.join(HERE, 'test.py'), config, checkpoint, '--work-dir',
          work_dir, '--metrics-out', tuned_file, '--cfg-options', *options,
          f'model.head.threshold={values}'], log)
    with open(tuned_file) as f:
        tuned = json.load(f)
    metrics = dict(metrics)
    metrics['F1_val/mean'] = tuned['F1/mean']
    for au, threshold in zip(aus, thresholds):
        metrics[f'F1_val/{au}'] = tuned[f'F1/{au}']
        metrics[f'threshold/{au}'] = threshold
    with open(metrics_file, 'w') as f:
        json.dump(metrics, f, indent=2)
    return metrics


def fold_table(names: List[str], results: Dict[str, dict]) -> List[List]:
    """Rows [fold, F1 per AU..., mean] and a final row of fold means."""
    aus = [k[3:] for k in next(iter(results.values()))
           if k.startswith('F1/') and k != 'F1/mean']
    rows = [['fold'] + aus + ['Avg']]
    for name in names:
        metrics = results[name]
        rows.append([name] + [metrics[f'F1/{au}'] for au in aus] +
                    [metrics['F1/mean']])
    columns = list(zip(*rows[1:]))[1:]
    rows.append(['mean'] + [sum(c) / len(c) for c in columns])
    return rows


def render(rows: List[List]) -> Dict[str, str]:
    """The table as aligned text, CSV and Markdown."""
    fmt = [[c if isinstance(c, str) else f'{c:.1f}' for c in r] for r in rows]
    widths = [max(len(r[i]) for r in fmt) for i in range(len(fmt[0]))]
    text = '\n'.join(' '.join(c.rjust(w) for c, w in zip(r, widths))
                     for r in fmt)
    csv = '\n'.join(','.join(r) for r in fmt) + '\n'
    md = ['| ' + ' | '.join(fmt[0]) + ' |',
          '|' + '---|' * len(fmt[0])]
    md += ['| ' + ' | '.join(r) + ' |' for r in fmt[1:]]
    return dict(text=text, csv=csv, md='\n'.join(md) + '\n')


def main():
    args = parse_args()
    configs = fold_configs(args.configs)
    results = {}
    missing = []
    for config in configs:
        name = osp.splitext(osp.basename(config))[0]
        work_dir = osp.join(args.work_root, name)
        if args.collect_only and not osp.exists(
                osp.join(work_dir, 'test_metrics.json')):
            missing.append(osp.join(work_dir, 'test_metrics.json'))
            continue
        results[name] = run_fold(config, work_dir, args.cfg_options)
    if missing:
        raise FileNotFoundError(f'Unfinished folds (no metrics): {missing}')
    names = list(results)
    family = re.sub(r'_f$', '', os.path.commonprefix(names)).rstrip('_') \
        or names[0]
    out_dir = args.out_dir or osp.join(args.work_root, f'{family}_cv')
    os.makedirs(out_dir, exist_ok=True)
    tables = render(fold_table(names, results))
    for ext in ('csv', 'md'):
        with open(osp.join(out_dir, f'{family}_cv.{ext}'), 'w') as f:
            f.write(tables[ext])
    print(f'\nF1 (%) per AU, {len(names)} folds of {family}:\n'
          f'{tables["text"]}\nwritten to {out_dir}/{family}_cv.csv and .md')


if __name__ == '__main__':
    exit_on_user_error(main)
