"""Train the paper's seven ablation variants over seeds and folds and print
its Table 3 with the mean and spread over seeds.

    python tools/ablation.py --seeds 0 1 2 --folds 1 2 3 --jobs 2

Each run trains ``configs/fau/<variant>_<data>_f<k>.py`` with
``randomness.seed=<seed>`` in ``<work-root>/<variant>_<data>_f<k>_seed<s>``
and tests its last checkpoint on the fold's held-out part; runs whose
metrics exist are collected, so an interrupted ablation resumes. Training
uses the paper's losses (L_a + L_r + L_d); ``--intensity`` adds the AU
intensity regressors and their loss, ``--switches FILE`` merges a config
fragment (e.g. ``projects/decoder_study/configs/detr_embedding.py``) into
every run. ``--val-thresholds`` trains each run without its validation subjects
(every fourth training subject), chooses each AU's presence threshold on
them and reports F1 at 0.5 and at those thresholds. Writes
``ablation_<data>.csv`` and ``.md`` (F1 per AU at the head's threshold; the
mean F1, ROC AUC and average precision; the AU encoder's F1 in decoder
variants; F1 at validation thresholds; the lowest AU F1 of any run),
``ablation_<data>_per_au.csv`` (F1, AUC, AP and the AU encoder's F1 of
every AU) and ``.png`` (mean F1 and AUC per variant with error bars); and
says how long it took on which device.
"""
import argparse
import os
import os.path as osp
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Dict, List, Tuple

import matplotlib

matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402

from mmfau.utils import (  # noqa: E402
    describe_device,
    exit_on_user_error,
    read_config_file,
    threads_per_job,
)

from ablation_table import (  # noqa: E402
    PAPER_BP4D_F1,
    PAPER_VARIANTS,
    VariantSummary,
    ablation_rows,
    per_au_rows,
    summarize_variant,
)
from fold_runs import (  # noqa: E402
    fold_metrics_file,
    run_fold,
    run_fold_with_validation_thresholds,
)
from text_tables import render_table  # noqa: E402

HERE = osp.dirname(osp.abspath(__file__))
ROOT = osp.dirname(HERE)
VARIANTS_FILE = osp.join(ROOT, 'configs/_base_/models/variants.py')
#: What --intensity merges into each run's config.
INTENSITY_FILE = osp.join(ROOT, 'configs/fau/switches/intensity.py')


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--data', default='synthetic',
                        choices=['synthetic', 'bp4d', 'disfa'])
    parser.add_argument('--variants', nargs='+', default=PAPER_VARIANTS,
                        choices=PAPER_VARIANTS)
    parser.add_argument('--seeds', nargs='+', type=int, default=[0, 1, 2])
    parser.add_argument('--folds', nargs='+', type=int, default=[1, 2, 3],
                        choices=[1, 2, 3])
    parser.add_argument('--jobs', type=int, default=1,
                        help='runs trained at the same time (one GPU can '
                        'hold several small ones); their compute threads '
                        'share the CPU cores (OMP_NUM_THREADS, unless you '
                        'set it)')
    parser.add_argument('--work-root', default='work_dirs/ablation')
    parser.add_argument('--out-dir', help='default: the work root')
    parser.add_argument('--intensity', action='store_true',
                        help='also train and score AU intensity (beyond '
                        'the paper\'s losses)')
    parser.add_argument('--val-thresholds', action='store_true',
                        help='train without the validation subjects (every '
                        'fourth training subject), choose each AU\'s '
                        'presence threshold on them and report F1 at 0.5 '
                        'and at those thresholds (work dirs end in '
                        '_valsplit)')
    parser.add_argument('--switches', nargs='+', default=[],
                        help='config fragments merged into every run\'s '
                        'config, in order')
    parser.add_argument('--cfg-options', nargs='+', default=[],
                        help='passed to every train.py and test.py')
    return parser.parse_args()


def derived_config(config: str, args) -> str:
    """The variant's config with intensity and the switches merged in,
    written beside the runs; the config itself when there is nothing to
    merge. A switch's ``custom_hooks`` are added to the config's own."""
    if not args.intensity and not args.switches:
        return config
    cfg = read_config_file(config)
    if args.intensity:
        cfg.merge_from_dict(read_config_file(INTENSITY_FILE).to_dict())
    for switch in args.switches:
        if not osp.isfile(switch):
            raise FileNotFoundError(f'Switch file {switch} does not exist.')
        fragment = read_config_file(switch).to_dict()
        hooks = list(cfg.get('custom_hooks', []))
        hooks += [hook for hook in fragment.pop('custom_hooks', [])
                  if hook not in hooks]
        cfg.merge_from_dict(fragment)
        cfg.custom_hooks = hooks
    folder = osp.join(args.work_root, 'configs')
    os.makedirs(folder, exist_ok=True)
    path = osp.join(folder, osp.basename(config))
    cfg.dump(path)
    return path


def run_all(args) -> Tuple[Dict[str, Dict[Tuple[int, int], dict]], int]:
    """Train and test every (variant, seed, fold) whose metrics do not
    exist yet; the metrics per variant, and how many runs were collected
    from earlier (not trained now)."""
    runs = [(v, s, f) for v in args.variants for s in args.seeds
            for f in args.folds]
    configs = {(v, f): osp.join(ROOT, 'configs/fau',
                                f'{v}_{args.data}_f{f}.py')
               for v in args.variants for f in args.folds}
    missing = sorted({c for c in configs.values() if not osp.isfile(c)})
    if missing:
        raise FileNotFoundError(f'No config for these runs: {missing}')
    configs = {key: derived_config(path, args)
               for key, path in configs.items()}

    def work_dir(run) -> str:
        variant, seed, fold = run
        return osp.join(
            args.work_root, f'{variant}_{args.data}_f{fold}_seed{seed}' +
            ('_valsplit' if args.val_thresholds else ''))

    collected = sum(
        osp.exists(fold_metrics_file(work_dir(run), args.val_thresholds))
        for run in runs)

    def one(run):
        variant, seed, fold = run
        folder = work_dir(run)
        options = [f'randomness.seed={seed}', *args.cfg_options]
        log = osp.join(folder, 'ablation.log')
        if args.val_thresholds:
            parts = read_config_file(
                configs[variant, fold]).train_dataloader.dataset.parts
            metrics = run_fold_with_validation_thresholds(
                HERE, configs[variant, fold], folder, options, list(parts),
                log=log)
        else:
            metrics = run_fold(HERE, configs[variant, fold], folder, options,
                               log=log)
        print(f'{osp.basename(folder)}: F1 {metrics["F1/mean"]:.1f}' +
              (f', AUC {metrics["AUC/mean"]:.3f}' if 'AUC/mean' in metrics
               else '') +
              (f', F1 at validation thresholds {metrics["F1_val/mean"]:.1f}'
               if 'F1_val/mean' in metrics else ''), flush=True)
        return run, metrics

    with ThreadPoolExecutor(max(1, args.jobs)) as pool:
        done = list(pool.map(one, runs))
    results: Dict[str, Dict[Tuple[int, int], dict]] = {}
    for (variant, seed, fold), metrics in done:
        results.setdefault(variant, {})[seed, fold] = metrics
    return results, collected


def plot(summaries: List[VariantSummary], path: str, title: str) -> None:
    """Left: mean F1 per variant with error bars (std over seeds), each
    seed a dot, the AU encoder's F1 of decoder variants a cross, the
    paper's BP4D mean a hollow marker. Right: mean ROC AUC per variant."""
    fig, (ax, ax_auc) = plt.subplots(
        1, 2, figsize=(12, 4.2), dpi=120, gridspec_kw=dict(
            width_ratios=(3, 2)))
    x = range(len(summaries))
    ax.bar(x, [s.f1_mean for s in summaries],
           yerr=[s.f1_std for s in summaries], capsize=5,
           color='#7a9cc6', label='mean ± std over seeds')
    for i, s in enumerate(summaries):
        ax.scatter([i] * len(s.per_seed), s.per_seed, color='k', s=10,
                   zorder=3, label='one seed' if i == 0 else None)
    paper = [(i, PAPER_BP4D_F1[s.variant]) for i, s in enumerate(summaries)
             if s.variant in PAPER_BP4D_F1]
    ax.scatter(*zip(*paper), facecolors='none', edgecolors='#c0392b', s=40,
               zorder=3, label='paper, BP4D')
    branch = [(i, s.scores['F1_Ea'][0]) for i, s in enumerate(summaries)
              if 'F1_Ea' in s.scores]
    if branch:
        ax.scatter(*zip(*branch), marker='x', color='#2c7a3f', s=40,
                   zorder=3, label='its AU encoder (Ea)')
    ax.set_xticks(list(x), [s.variant for s in summaries])
    low = min([min(s.per_seed) for s in summaries] +
              [value for _, value in paper]) - 5
    ax.set_ylim(max(0, low), 100)
    ax.set_ylabel('mean F1 (%)')
    ax.set_title(title)
    ax.legend(loc='upper left', fontsize=8)
    if all('AUC' in s.scores for s in summaries):
        ax_auc.bar(x, [s.scores['AUC'][0] for s in summaries],
                   yerr=[s.scores['AUC'][1] for s in summaries], capsize=5,
                   color='#9cc67a')
        lows = [s.scores['AUC'][0] for s in summaries]
        ax_auc.set_ylim(max(0.5, min(lows) - 0.05), 1.0)
        ax_auc.set_xticks(list(x), [s.variant for s in summaries],
                          rotation=30, fontsize=8)
        ax_auc.set_ylabel('mean ROC AUC')
        ax_auc.set_title('ranking, free of the threshold')
    else:
        ax_auc.set_axis_off()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def main():
    args = parse_args()
    threads = threads_per_job(args.jobs)
    if threads:  # every run's process inherits it
        os.environ['OMP_NUM_THREADS'] = str(threads)
    start = time.time()
    results, collected = run_all(args)
    minutes = (time.time() - start) / 60
    switches = dict(read_config_file(VARIANTS_FILE)['fau_variants'],
                    full={})
    summaries = [summarize_variant(v, results[v]) for v in args.variants]
    rows = ablation_rows(summaries, switches)
    tables = render_table(rows)
    out_dir = args.out_dir or args.work_root
    os.makedirs(out_dir, exist_ok=True)
    stem = osp.join(out_dir, f'ablation_{args.data}')
    runs = len(args.variants) * len(args.seeds) * len(args.folds)
    losses = 'L_a + L_r + L_d' + (' + intensity' if args.intensity else '')
    note = (f'{runs} runs ({len(args.variants)} variants x seeds '
            f'{args.seeds} x folds {args.folds}'
            + (f'; {collected} collected from earlier, {runs - collected} '
               'trained now' if collected else '') +
            f') in {minutes:.1f} min on '
            f'{describe_device()}, {args.jobs} at a time'
            + (f' ({threads} thread(s) each)' if threads else '') +
            f'; losses {losses}'
            + (f'; switches {args.switches}' if args.switches else '') +
            ('; trained without the validation subjects (every fourth '
             'training subject), on which each AU\'s threshold was chosen'
             if args.val_thresholds else '') + '.')
    by_name = {s.variant: s for s in summaries}
    if 'full' in by_name and 'crm' in by_name:
        full, crm = by_name['full'], by_name['crm']
        spread = (full.f1_std**2 + crm.f1_std**2)**0.5
        gap = full.f1_mean - crm.f1_mean
        verdict = 'beats' if gap > spread else 'does not beat'
        note += (f' Full minus CRM: {gap:+.1f} F1; seed spread (the two '
                 f'stds combined) {spread:.1f}: the full method {verdict} '
                 'CRM by more than the spread.')
    with open(f'{stem}.csv', 'w') as f:
        f.write(tables['csv'])
    with open(f'{stem}_per_au.csv', 'w') as f:
        f.write(render_table(per_au_rows(summaries))['csv'])
    with open(f'{stem}.md', 'w') as f:
        f.write(tables['md'] + '\n' + note + '\n')
    plot(summaries, f'{stem}.png',
         f'Ablation on {args.data}, folds {args.folds}, '
         f'{len(args.seeds)} seeds')
    print(f'\nF1 (%) per AU, mean over {len(args.seeds)} seed(s) and '
          f'fold(s) {args.folds}:\n{tables["text"]}\n{note}\n'
          f'written to {stem}.csv, _per_au.csv, .md and .png')


if __name__ == '__main__':
    exit_on_user_error(main)
