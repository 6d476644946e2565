"""The paper's ablation table (Table 3): the seven variants, mean and spread
over training seeds.

Each run of a variant is one (seed, fold) pair; a seed's score is its mean
over the folds (the protocol's number), and the table gives per variant the
mean and the standard deviation of that score over seeds, so the spread says
how much a result moves with nothing but the random initialisation and data
order.
"""
from dataclasses import dataclass, field
from typing import Dict, List, Sequence, Tuple

import numpy as np

#: The variants of the paper's ablation (Table 3), in its order; 'full' is the
#: full method (no switch).
PAPER_VARIANTS = ('crm', 'crmea', 'crmeada', 'crerm', 'crerda', 'crmeaer',
                  'full')
#: The paper's mean F1 on BP4D per variant (its Table 3).
PAPER_BP4D_F1 = dict(crm=60.4, crmea=62.8, crmeada=63.3, crerm=61.4,
                     crerda=62.0, crmeaer=63.2, full=64.8)
#: Head components and the switch key that removes each.
COMPONENTS = (('M', 'map_layer'), ('Ea', 'au_encoder'),
              ('Er', 'region_encoder'), ('Da', 'decoder'))


def components(switch: dict) -> Dict[str, bool]:
    """Which of the map layer (M), AU encoder (Ea), region encoder (Er) and
    decoder (Da) a variant's head switch keeps.

    Args:
        switch (dict): The variant's head overrides, e.g.
            ``dict(au_encoder=None, decoder=None)``; ``{}`` for the full
            method.

    Returns:
        dict[str, bool]: Component name -> kept.
    """
    return {name: key not in switch or switch[key] is not None
            for name, key in COMPONENTS}


#: Summary scores beside the per-AU F1: metric key prefix -> column name.
#: AUC and AP rank faces by probability (no threshold); F1_Ea is the AU
#: encoder's own prediction in variants whose decoder predicts; F1_val is
#: F1 at per-AU thresholds chosen on validation subjects.
SCORES = (('F1', 'F1'), ('AUC', 'AUC'), ('AP', 'AP'), ('F1_Ea', 'Ea F1'),
          ('F1_val', 'F1 at validation thresholds'), ('ICC', 'ICC'))


@dataclass
class VariantSummary:
    """One row of the ablation table.

    Args:
        variant (str): Variant name.
        per_au (dict[str, float]): AU name -> F1 averaged over all runs.
        f1_mean (float): Mean over seeds of the per-seed mean F1.
        f1_std (float): Standard deviation over seeds (ddof 1; 0 for one
            seed).
        per_seed (list[float]): Each seed's mean F1 over folds.
        scores (dict[str, tuple]): Score key of :data:`SCORES` -> (mean,
            std) over seeds, for each score every run reported.
        lowest_au_f1 (float): The lowest F1 of any AU in any run: 0 when
            some run never found some AU.
        per_au_scores (dict): Score key (``AUC``, ``AP``, ``F1_Ea``) -> AU
            name -> mean over all runs, for each score every run reported
            per AU.
    """

    variant: str
    per_au: Dict[str, float]
    f1_mean: float
    f1_std: float
    per_seed: List[float]
    scores: Dict[str, Tuple[float, float]] = field(default_factory=dict)
    lowest_au_f1: float = float('nan')
    per_au_scores: Dict[str, Dict[str, float]] = field(default_factory=dict)


def _spread(values: Sequence[float]) -> Tuple[float, float]:
    values = np.asarray(values, dtype=np.float64)
    std = float(values.std(ddof=1)) if len(values) > 1 else 0.0
    return float(values.mean()), std


def summarize_variant(variant: str,
                      runs: Dict[Tuple[int, int], dict]) -> VariantSummary:
    """Summarize one variant's runs.

    Args:
        variant (str): Variant name.
        runs (dict): (seed, fold) -> test metrics (``F1/AU1``, ...,
            ``F1/mean``, optionally ``AUC/mean``, ``AP/mean``,
            ``F1_Ea/mean``, ``ICC/mean``); every seed must have the same
            folds.

    Returns:
        VariantSummary: The table row.
    """
    seeds = sorted({seed for seed, _ in runs})
    folds = sorted({fold for _, fold in runs})
    missing = [(s, f) for s in seeds for f in folds if (s, f) not in runs]
    if missing:
        raise ValueError(f'{variant}: no metrics for (seed, fold) '
                         f'{missing}.')
    first = next(iter(runs.values()))
    aus = [k[3:] for k in first if k.startswith('F1/') and k != 'F1/mean']
    per_au = {au: float(np.mean([m[f'F1/{au}'] for m in runs.values()]))
              for au in aus}
    scores = {}
    for key, _ in SCORES:
        if all(f'{key}/mean' in m for m in runs.values()):
            scores[key] = _spread([
                np.mean([runs[s, f][f'{key}/mean'] for f in folds])
                for s in seeds
            ])
    per_seed = [float(np.mean([runs[s, f]['F1/mean'] for f in folds]))
                for s in seeds]
    lowest = min(m[f'F1/{au}'] for m in runs.values() for au in aus)
    per_au_scores = {
        key: {au: float(np.mean([m[f'{key}/{au}'] for m in runs.values()]))
              for au in aus}
        for key, _ in SCORES if key not in ('F1', 'ICC') and all(
            f'{key}/{au}' in m for m in runs.values() for au in aus)
    }
    return VariantSummary(variant, per_au, *_spread(per_seed), per_seed,
                          scores, float(lowest), per_au_scores)


def per_au_rows(summaries: List[VariantSummary]) -> List[List[str]]:
    """Every per-AU score of every variant as text cells: one row per
    variant and score (F1, AUC, AP, and the AU encoder's F1 where the
    decoder predicts), AUs as columns, means over all runs.

    Args:
        summaries (list[VariantSummary]): One per variant.

    Returns:
        list[list[str]]: Header row first.
    """
    aus = list(summaries[0].per_au)
    rows = [['variant', 'score'] + aus]
    for s in summaries:
        rows.append([s.variant, 'F1'] + [f'{s.per_au[au]:.1f}' for au in aus])
        for key, values in s.per_au_scores.items():
            digits = 1 if key.startswith('F1') else 3
            rows.append([s.variant, key] +
                        [f'{values[au]:.{digits}f}' for au in aus])
    return rows


def _cell(key: str, mean: float, std: float) -> str:
    digits = 3 if key in ('AUC', 'AP', 'ICC') else 1
    return f'{mean:.{digits}f} ± {std:.{digits}f}'


def ablation_rows(summaries: List[VariantSummary],
                  switches: Dict[str, dict]) -> List[List[str]]:
    """Table 3's layout as text cells: variant, components, F1 per AU, mean
    +- std of F1 and of each score every row has (AUC, AP, ICC) or some
    row has (the AU encoder's F1 in decoder variants), the lowest AU F1 of
    any run, and the paper's BP4D mean for reference.

    Args:
        summaries (list[VariantSummary]): One per variant, in table order.
        switches (dict): Variant -> head switch (``{}`` for 'full').

    Returns:
        list[list[str]]: Header row first.
    """
    aus = list(summaries[0].per_au)
    shown = [(key, name) for key, name in SCORES
             if (key == 'F1_Ea' and any(key in s.scores for s in summaries))
             or all(key in s.scores for s in summaries)]
    header = (['variant'] + [name for name, _ in COMPONENTS] + aus +
              [f'{name} mean ± std' for _, name in shown] +
              ['lowest AU F1', 'paper BP4D'])
    rows = [header]
    for s in summaries:
        kept = components(switches.get(s.variant, {}))
        row = [s.variant] + ['✓' if kept[name] else '' for name, _ in
                             COMPONENTS]
        row += [f'{s.per_au[au]:.1f}' for au in aus]
        row += [_cell(key, *s.scores[key]) if key in s.scores else ''
                for key, _ in shown]
        row.append(f'{s.lowest_au_f1:.1f}')
        paper = PAPER_BP4D_F1.get(s.variant)
        row.append('' if paper is None else f'{paper:.1f}')
        rows.append(row)
    return rows
