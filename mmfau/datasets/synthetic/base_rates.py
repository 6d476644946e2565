"""How often each AU is present, matched to a real data set.

The expression episodes of :mod:`.au_sampler` decide which AUs go together;
this module decides how often. BP4D's tasks (a joke, a startle, pain from
cold water, a disgusting smell, ...) make smiles and pain frequent, so its
AUs 6, 7, 10, 12 and 14 are present in about half the frames while AUs 1, 2,
15, 23 and 24 are present in fewer than a fifth. The episodes are drawn in
BP4D's mix, and each AU's probability inside every episode is raised or
lowered by one per-AU gain until its rate of presence matches the table.
"""
from typing import Dict, Sequence

import numpy as np

from .au_sampler import (
    EXPRESSIONS,
    LEVEL_SHARES,
    SPONTANEOUS_RATE,
    raise_probability,
)

#: Share of frames in which each AU is present. AUs 1-24: BP4D's 12 AUs
#: (as reported with the JAA-Net fold lists); 9, 25, 26, which BP4D's
#: benchmark leaves out, approximately as in DISFA (intensity >= 2).
BP4D_PRESENCE_RATES: Dict[int, float] = {
    1: 0.21, 2: 0.17, 4: 0.20, 6: 0.46, 7: 0.55, 9: 0.05, 10: 0.59,
    12: 0.56, 14: 0.47, 15: 0.17, 17: 0.34, 23: 0.17, 24: 0.15, 25: 0.36,
    26: 0.19
}

#: Episode weights of BP4D's eight tasks: amusement and embarrassment
#: (smiles), pain, startle, sadness, disgust, anger, fear.
BP4D_EPISODE_MIX: Dict[str, float] = {
    'neutral': 0.06, 'smile': 0.3, 'surprise': 0.08, 'sadness': 0.08,
    'anger': 0.08, 'disgust': 0.1, 'pain': 0.16, 'contempt': 0.04,
    'doubt': 0.05, 'speech': 0.05
}


def share_present_when_active(present_from: int) -> float:
    """The share of active AUs whose level (episode level +- 1, as
    :func:`~.au_sampler.sample_levels` draws it) reaches ``present_from``."""
    total = 0.0
    for episode, share in enumerate(LEVEL_SHARES, start=1):
        for step in (-1, 0, 1):
            level = int(np.clip(episode + step, 1, len(LEVEL_SHARES)))
            total += share / 3 * (level >= present_from)
    return total


def fit_au_gains(aus: Sequence[int], present_from: int,
                 rates: Dict[int, float] = BP4D_PRESENCE_RATES,
                 mix: Dict[str, float] = BP4D_EPISODE_MIX
                 ) -> Dict[int, float]:
    """Per-AU gains that make each AU present at its rate under ``mix``.

    Args:
        aus (Sequence[int]): AUs to fit.
        present_from (int): Level from which an AU is labelled present.
        rates (dict[int, float]): AU -> share of frames present.
        mix (dict[str, float]): Episode name -> weight.

    Returns:
        dict[int, float]: AU -> gain for :func:`raise_probability`.
    """
    names = list(EXPRESSIONS)
    weights = np.array([mix[n] for n in names], dtype=np.float64)
    weights /= weights.sum()
    present = share_present_when_active(present_from)
    gains = {}
    for au in aus:
        probs = [EXPRESSIONS[n][1].get(au, SPONTANEOUS_RATE) for n in names]

        def rate(gain: float) -> float:
            return present * sum(
                w * raise_probability(p, gain)
                for w, p in zip(weights, probs))

        low, high = 1e-3, 200.0
        for _ in range(60):
            mid = np.sqrt(low * high)
            low, high = (mid, high) if rate(mid) < rates[au] else (low, mid)
        gains[au] = float(np.sqrt(low * high))
    return gains
