"""Draw the head diagnostics of several training runs side by side.

    python tools/analysis_tools/plot_head_diagnostics.py \
        work_dirs/full/head_diagnostics.jsonl \
        work_dirs/crmeaer/head_diagnostics.jsonl \
        --labels full CRMEaEr --out diagnostics.png

Each input is the ``head_diagnostics.jsonl`` that ``HeadDiagnosticsHook``
writes into a run's work dir. Four panels over training iterations: the
decoder's cross-attention entropy per layer, the share of its attention to
the region tokens that falls on each AU's judgment regions (dotted, in
both: attention spread evenly), how much each token set varies between
images, and the gradient norm each loss sends to the backbone.
"""
import argparse
import json
from typing import Dict, List

import matplotlib

matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402

from mmfau.utils import exit_on_user_error  # noqa: E402

PANELS = (('decoder_entropy/layer', 'decoder cross-attention entropy '
           '(nats)'),
          ('decoder_rule_share/layer', "decoder attention on the AU's "
           'judgment regions'),
          ('token_spread/', 'token spread between images'),
          ('backbone_grad/', 'gradient norm on the backbone'))


def read_records(path: str) -> List[Dict[str, float]]:
    """The measurements of one run, in order of iterations."""
    with open(path) as f:
        records = []
        for number, line in enumerate(f, 1):
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise ValueError(f'{path}:{number}: not a JSON line '
                                 f'({err.msg}).') from err
    if not records:
        raise ValueError(f'{path}: no measurements.')
    return sorted(records, key=lambda r: r['iter'])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('runs', nargs='+', help='head_diagnostics.jsonl '
                        'files')
    parser.add_argument('--labels', nargs='+', help='one per run')
    parser.add_argument('--out', default='head_diagnostics.png')
    args = parser.parse_args()
    labels = args.labels or args.runs
    if len(labels) != len(args.runs):
        raise ValueError(f'{len(labels)} labels for {len(args.runs)} runs.')
    fig, axes = plt.subplots(1, len(PANELS), figsize=(19, 4.2), dpi=110)
    styles = ['-', '--', '-.', ':']
    for run, (path, label) in enumerate(zip(args.runs, labels)):
        records = read_records(path)
        iters = [r['iter'] for r in records]
        for ax, (prefix, _) in zip(axes, PANELS):
            keys = sorted({k for r in records for k in r
                           if k.startswith(prefix)})
            for key in keys:
                name = key.split('/')[-1]
                ax.plot(iters, [r.get(key, float('nan')) for r in records],
                        styles[run % len(styles)], label=f'{label}: {name}')
            uniform = prefix.replace('/layer', '/uniform')
            if uniform in records[0]:
                ax.axhline(records[0][uniform], color='grey',
                           linestyle=':', linewidth=1)
    for ax, (prefix, title) in zip(axes, PANELS):
        ax.set_title(title, fontsize=10)
        ax.set_xlabel('training iteration')
        if prefix == 'backbone_grad/':
            ax.set_yscale('log')
        if ax.has_data():
            ax.legend(fontsize=7)
        else:
            ax.text(0.5, 0.5, 'not measured in these runs', ha='center',
                    transform=ax.transAxes, color='grey')
    fig.tight_layout()
    fig.savefig(args.out)
    print(f'wrote {args.out}')


if __name__ == '__main__':
    exit_on_user_error(main)
