"""FACS coders' disagreement, as it shows in real labels.

Two certified coders agree well on strong actions and poorly on faint ones:
whether a trace (A) or a slight (B) action is there at all is the most
frequent disagreement, so labels near DISFA's presence cut (between A and B)
are the noisiest. The synthetic faces are drawn at their true levels and
labelled with the levels a coder would give.
"""
from typing import Dict

import numpy as np

#: Levels at which coders disagree at the full rate; above them the rate is
#: :data:`STRONG_ACTION_SHARE` of it.
FAINT_LEVELS = (1, 2)
STRONG_ACTION_SHARE = 0.2


def code_levels(levels: Dict[int, int], rng: np.random.Generator,
                disagreement: float) -> Dict[int, int]:
    """The levels a coder gives to the true levels of one frame.

    A coder departs from an active AU's true level by one level (up or down
    alike) with probability ``disagreement`` at faint levels and a fifth of
    it at stronger ones; a trace coded one lower is coded absent.

    Args:
        levels (dict[int, int]): AU -> true level 1-5 (absent AUs left out).
        rng (np.random.Generator): The frame's coding stream.
        disagreement (float): Probability of a one-level departure at faint
            levels, in [0, 1].

    Returns:
        dict[int, int]: AU -> coded level 1-5; AUs coded absent left out.
    """
    coded = {}
    for au, level in levels.items():
        rate = disagreement * (1.0 if level in FAINT_LEVELS else
                               STRONG_ACTION_SHARE)
        if rng.uniform() < rate:
            level = min(5, level + (1 if rng.uniform() < 0.5 else -1))
        if level > 0:
            coded[au] = level
    return coded
