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
import os
import os.path as osp
import re
from typing import Dict, List

from mmfau.utils import exit_on_user_error

from fold_runs import fold_metrics_file, run_fold
from text_tables import render_table

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


def main():
    args = parse_args()
    configs = fold_configs(args.configs)
    results = {}
    missing = []
    for config in configs:
        name = osp.splitext(osp.basename(config))[0]
        work_dir = osp.join(args.work_root, name)
        metrics_file = fold_metrics_file(work_dir)
        if args.collect_only and not osp.exists(metrics_file):
            missing.append(metrics_file)
            continue
        results[name] = run_fold(HERE, config, work_dir, args.cfg_options)
    if missing:
        raise FileNotFoundError(f'Unfinished folds (no metrics): {missing}')
    names = list(results)
    family = re.sub(r'_f$', '', os.path.commonprefix(names)).rstrip('_') \
        or names[0]
    out_dir = args.out_dir or osp.join(args.work_root, f'{family}_cv')
    os.makedirs(out_dir, exist_ok=True)
    tables = render_table(fold_table(names, results))
    for ext in ('csv', 'md'):
        with open(osp.join(out_dir, f'{family}_cv.{ext}'), 'w') as f:
            f.write(tables[ext])
    print(f'\nF1 (%) per AU, {len(names)} folds of {family}:\n'
          f'{tables["text"]}\nwritten to {out_dir}/{family}_cv.csv and .md')


if __name__ == '__main__':
    exit_on_user_error(main)
