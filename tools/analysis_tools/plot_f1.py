"""Plot per-AU F1 of several runs (folds, ablations) side by side.

    python tools/analysis_tools/plot_f1.py full.json crm.json \
        --labels full CRM --out f1.png

Each input is a metrics JSON (``tools/test.py --metrics-out``) or a
cross-validation CSV (``tools/cross_validate.py``; its ``mean`` row).
"""
import argparse
import csv
import json
import os.path as osp
from typing import Dict

import matplotlib

matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from mmfau.utils import exit_on_user_error


def read_f1(path: str) -> Dict[str, float]:
    """AU name -> F1 (and 'Avg') from a metrics JSON or a CV CSV."""
    if path.endswith('.csv'):
        with open(path) as f:
            rows = list(csv.DictReader(f))
        mean = [r for r in rows if r['fold'] == 'mean'] or rows[-1:]
        return {k: float(v) for k, v in mean[0].items() if k != 'fold'}
    with open(path) as f:
        metrics = json.load(f)
    f1 = {k[3:]: float(v) for k, v in metrics.items()
          if k.startswith('F1/') and k != 'F1/mean'}
    f1['Avg'] = float(metrics['F1/mean'])
    return f1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('runs', nargs='+', help='metrics JSON or CV CSV')
    parser.add_argument('--labels', nargs='+', help='one name per run')
    parser.add_argument('--out', default='f1.png', help='PNG file')
    args = parser.parse_args()
    labels = args.labels or [osp.splitext(osp.basename(r))[0]
                             for r in args.runs]
    if len(labels) != len(args.runs):
        parser.error('give one label per run')
    scores = [read_f1(run) for run in args.runs]
    aus = list(scores[0])
    width = 0.8 / len(scores)
    fig, ax = plt.subplots(figsize=(max(8, len(aus) * 0.7), 4.5))
    for i, (label, run) in enumerate(zip(labels, scores)):
        ax.bar(np.arange(len(aus)) + (i - (len(scores) - 1) / 2) * width,
               [run.get(au, np.nan) for au in aus], width, label=label)
    ax.set_xticks(range(len(aus)), aus)
    ax.set_ylabel('F1 (%)')
    ax.set_ylim(0, 100)
    ax.legend()
    fig.tight_layout()
    fig.savefig(args.out, dpi=110)
    print(f'wrote {args.out}')


if __name__ == '__main__':
    exit_on_user_error(main)
