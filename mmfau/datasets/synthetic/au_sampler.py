"""AU occurrences with the co-occurrence structure of real expressions.

Each frame shows one expression episode (or none), whose prototype AUs are
likely present, plus rare spontaneous AUs. This gives the correlations the
method exploits: 6 with 12, 1 with 2, 25 with 26, 17 with 24, 4 with 7, ...
"""
from typing import Dict, Optional, Sequence

import numpy as np

#: name -> (relative frequency, {AU: probability of being present}).
EXPRESSIONS = {
    'neutral': (0.14, {}),
    'smile': (0.18, {6: 0.85, 12: 0.95, 25: 0.45, 10: 0.25, 14: 0.2}),
    'surprise': (0.1, {1: 0.95, 2: 0.9, 25: 0.85, 26: 0.7}),
    'sadness': (0.1, {1: 0.8, 4: 0.7, 15: 0.85, 17: 0.6}),
    'anger': (0.1, {4: 0.95, 7: 0.8, 23: 0.6, 24: 0.6, 17: 0.3}),
    'disgust': (0.08, {9: 0.9, 10: 0.75, 4: 0.4, 17: 0.4, 25: 0.3}),
    'pain': (0.08, {4: 0.8, 6: 0.7, 7: 0.8, 9: 0.5, 10: 0.6, 25: 0.4}),
    'contempt': (0.06, {14: 0.9, 12: 0.3}),
    'doubt': (0.08, {17: 0.9, 24: 0.75, 15: 0.4, 14: 0.3}),
    'speech': (0.08, {25: 0.9, 26: 0.6, 10: 0.2, 23: 0.2}),
}

#: Probability that any AU shows up outside its episodes.
SPONTANEOUS_RATE = 0.04

#: Share of occurrences at FACS levels A-E (1-5): most at B or C, few at E,
#: as in the intensity codes of spontaneous-expression data sets (DISFA).
LEVEL_SHARES = (0.2, 0.3, 0.27, 0.15, 0.08)

#: No episode makes an AU certain.
MAX_PROBABILITY = 0.98


def raise_probability(prob: float, gain: float) -> float:
    """An AU's probability in an episode under a gain: gain 1 keeps it,
    larger gains bring it towards :data:`MAX_PROBABILITY` (``1 - (1 -
    p) ** gain``), so an AU likely in an episode stays likelier there than
    elsewhere."""
    return min(MAX_PROBABILITY, 1.0 - (1.0 - prob)**gain)


def level_strength(level: int, rng: np.random.Generator) -> float:
    """How strongly an AU at a FACS level is drawn: level / 5 with a small
    jitter, so that trace (A, 0.2) is barely visible and E is the full
    change."""
    return float(np.clip(level / 5 + rng.uniform(-0.05, 0.05), 0.1, 1.0))


def sample_levels(rng: np.random.Generator,
                  aus: Sequence[int],
                  subject_bias: Optional[Dict[str, float]] = None,
                  episode_mix: Optional[Dict[str, float]] = None,
                  au_gains: Optional[Dict[int, float]] = None
                  ) -> Dict[int, int]:
    """Draw the FACS intensity levels (1-5) of the AUs active in one frame.

    An expression episode (or none) picks which AUs are likely active; the
    episode's level follows :data:`LEVEL_SHARES` and each AU varies by one
    level around it.

    Args:
        rng (np.random.Generator): Source of randomness.
        aus (Sequence[int]): AUs that may be drawn.
        subject_bias (dict, optional): expression name -> weight multiplier,
            to give each subject its own expressiveness.
        episode_mix (dict, optional): expression name -> weight, instead
            of the weights in :data:`EXPRESSIONS`.
        au_gains (dict, optional): AU -> gain on its probability in every
            episode (:func:`raise_probability`), see
            :func:`~.base_rates.fit_au_gains`.

    Returns:
        dict[int, int]: Active AUs and their levels 1-5; absent AUs (level
        0) are left out.
    """
    names = list(EXPRESSIONS)
    mix = episode_mix or {n: EXPRESSIONS[n][0] for n in names}
    weights = np.array([mix[n] for n in names])
    if subject_bias:
        weights = weights * np.array([subject_bias.get(n, 1.0)
                                      for n in names])
    name = names[rng.choice(len(names), p=weights / weights.sum())]
    probs = EXPRESSIONS[name][1]
    episode = 1 + rng.choice(len(LEVEL_SHARES), p=LEVEL_SHARES)
    levels = {}
    gains = au_gains or {}
    for au in aus:
        prob = raise_probability(probs.get(au, SPONTANEOUS_RATE),
                                 gains.get(au, 1.0))
        if rng.uniform() < prob:
            levels[au] = int(np.clip(episode + rng.integers(-1, 2), 1, 5))
    return levels


def sample_intensities(rng: np.random.Generator,
                       aus: Sequence[int],
                       subject_bias: Dict[str, float] = None
                       ) -> Dict[int, float]:
    """Draw the AU drawing strengths of one frame (:func:`sample_levels`
    through :func:`level_strength`).

    Returns:
        dict[int, float]: Active AUs with strengths in (0, 1].
    """
    return {
        au: level_strength(level, rng)
        for au, level in sample_levels(rng, aus, subject_bias).items()
    }
