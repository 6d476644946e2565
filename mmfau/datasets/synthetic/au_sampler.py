"""AU occurrences with the co-occurrence structure of real expressions.

Each frame shows one expression episode (or none), whose prototype AUs are
likely present, plus rare spontaneous AUs. This gives the correlations the
method exploits: 6 with 12, 1 with 2, 25 with 26, 17 with 24, 4 with 7, ...
"""
from typing import Dict, Sequence

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


def sample_intensities(rng: np.random.Generator,
                       aus: Sequence[int],
                       subject_bias: Dict[str, float] = None
                       ) -> Dict[int, float]:
    """Draw the AU intensities of one frame.

    Args:
        rng (np.random.Generator): Source of randomness.
        aus (Sequence[int]): AUs that may be drawn.
        subject_bias (dict, optional): expression name -> weight multiplier,
            to give each subject its own expressiveness.

    Returns:
        dict[int, float]: Present AUs with intensity in [0.55, 1].
    """
    names = list(EXPRESSIONS)
    weights = np.array([EXPRESSIONS[n][0] for n in names])
    if subject_bias:
        weights = weights * np.array([subject_bias.get(n, 1.0)
                                      for n in names])
    name = names[rng.choice(len(names), p=weights / weights.sum())]
    probs = EXPRESSIONS[name][1]
    strength = rng.uniform(0.7, 1.0)
    present = {}
    for au in aus:
        p = probs.get(au, SPONTANEOUS_RATE)
        if rng.uniform() < p:
            present[au] = float(
                np.clip(strength * rng.uniform(0.75, 1.15), 0.55, 1.0))
    return present
