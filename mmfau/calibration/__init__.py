"""Judging each person's AUs against that person's own usual face: the
training population's baseline (stored with a checkpoint) and the
per-person calibration of a video's results."""
from .baseline import (
    BASELINE_KEY,
    DEFAULT_QUANTILE,
    PopulationBaseline,
    intensity_logits,
    logistic,
    person_reference,
    probability_logits,
)
from .person_calibration import (
    DEFAULT_MIN_FRAMES,
    MODES,
    ONLINE_WINDOW,
    PersonCalibration,
)

__all__ = [
    'BASELINE_KEY', 'DEFAULT_MIN_FRAMES', 'DEFAULT_QUANTILE', 'MODES',
    'ONLINE_WINDOW', 'PersonCalibration', 'PopulationBaseline',
    'intensity_logits', 'logistic', 'person_reference', 'probability_logits'
]
