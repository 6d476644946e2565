"""The values of AU labels, as annotation files, pipelines and converters
write and read them.

This module owns the label vocabulary: a converter writes these values, a
dataset checks them, the pipeline turns :data:`UNKNOWN` into a mask, and
the loss and metric leave masked labels out.
"""
from typing import Tuple

#: An AU labelled absent.
ABSENT = 0
#: An AU labelled present.
PRESENT = 1
#: An AU that was not coded (BP4D's 9, a missing DISFA line): it counts in
#: neither the loss nor the metric, and is never read as absent.
UNKNOWN = -1
#: Every value an AU label may take.
LABEL_VALUES: Tuple[int, ...] = (ABSENT, PRESENT, UNKNOWN)

#: Intensities run from 0 (absent) to 5 (FACS level E); an AU counts as
#: present from this intensity on (DISFA's convention, level B).
MAX_INTENSITY = 5
PRESENT_FROM_INTENSITY = 2


def occurrence_from_intensity(intensity: int) -> int:
    """The occurrence label of a FACS intensity (:data:`UNKNOWN` when the
    intensity is negative, i.e. not coded).

    Args:
        intensity (int): 0-5, or negative for unknown.

    Returns:
        int: :data:`PRESENT`, :data:`ABSENT` or :data:`UNKNOWN`.
    """
    if intensity < 0:
        return UNKNOWN
    return PRESENT if intensity >= PRESENT_FROM_INTENSITY else ABSENT
