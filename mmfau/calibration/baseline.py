"""How a person's usual face looks to the model, and the training
population's: the reference each person's outputs are judged against."""
from dataclasses import dataclass
from typing import Dict, Optional

import numpy as np

from mmfau.facs import MAX_INTENSITY

#: Key of the population baseline in a checkpoint's dataset meta.
BASELINE_KEY = 'calibration_baseline'
#: The share of a person's frames below a baseline: the 10th percentile of
#: each AU's logit, so an AU must be absent in at least a tenth of a
#: person's frames for the baseline to be the person's face without it
#: (chosen on the synthetic video protocol, see docs/en/results.md).
DEFAULT_QUANTILE = 0.1
_EPSILON = 1e-6


def probability_logits(probabilities: np.ndarray) -> np.ndarray:
    """Logits of probabilities (clipped away from 0 and 1)."""
    p = np.clip(np.asarray(probabilities, np.float64), _EPSILON,
                1 - _EPSILON)
    return np.log(p / (1 - p))


def intensity_logits(intensity: np.ndarray) -> np.ndarray:
    """Intensities (0-5) as the logits their regressors' sigmoid scales."""
    return probability_logits(np.asarray(intensity) / MAX_INTENSITY)


def logistic(logits: np.ndarray) -> np.ndarray:
    """The sigmoid of logits."""
    return 1.0 / (1.0 + np.exp(-np.asarray(logits, np.float64)))


def person_reference(values: np.ndarray, quantile: float) -> np.ndarray:
    """A person's baseline: each column's ``quantile`` over the person's
    frames.

    Args:
        values (np.ndarray): (frames, K) logits.
        quantile (float): In (0, 1).

    Returns:
        np.ndarray: (K, ).
    """
    return np.quantile(np.asarray(values, np.float64), quantile, axis=0)


@dataclass
class PopulationBaseline:
    """The training population's baselines: for each AU, the median over
    training subjects of each subject's :func:`person_reference` of the
    model's final logits (and of its intensity logits).

    Attributes:
        quantile (float): The share of frames below a baseline.
        logits (np.ndarray): (K, ) of the AU logits.
        intensity (np.ndarray, optional): (K, ) of the intensity logits.
        subjects (int): Training subjects measured.
    """
    quantile: float
    logits: np.ndarray
    intensity: Optional[np.ndarray]
    subjects: int

    @classmethod
    def measure(cls, per_subject: Dict[str, tuple],
                quantile: float = DEFAULT_QUANTILE) -> 'PopulationBaseline':
        """From each training subject's outputs.

        Args:
            per_subject (dict): Subject -> (logits (n, K), intensity
                logits (n, K) or None).
            quantile (float): The share of frames below a baseline.

        Returns:
            PopulationBaseline
        """
        logits = [person_reference(v[0], quantile)
                  for v in per_subject.values()]
        intensity = [person_reference(v[1], quantile)
                     for v in per_subject.values() if v[1] is not None]
        return cls(quantile, np.median(logits, axis=0),
                   np.median(intensity, axis=0) if intensity else None,
                   len(per_subject))

    def to_meta(self) -> dict:
        """Plain numbers, for a checkpoint's meta."""
        return dict(quantile=self.quantile, logits=self.logits.tolist(),
                    intensity=None if self.intensity is None else
                    self.intensity.tolist(), subjects=self.subjects)

    def store_in(self, checkpoint: dict) -> None:
        """Put it in a checkpoint's dataset meta, where
        :meth:`from_meta` finds it once the checkpoint is loaded.

        Args:
            checkpoint (dict): A checkpoint as ``torch.load`` reads it.
        """
        meta = checkpoint.setdefault('meta', {})
        meta.setdefault('dataset_meta', {})[BASELINE_KEY] = self.to_meta()

    @classmethod
    def required(cls, meta: Optional[dict],
                 checkpoint: str = 'this checkpoint') -> 'PopulationBaseline':
        """From a checkpoint's dataset meta, where calibration needs it.

        Args:
            meta (dict, optional): The dataset meta.
            checkpoint (str): The checkpoint's name, for the error.

        Returns:
            PopulationBaseline

        Raises:
            ValueError: The meta has none, with how to add it.
        """
        baseline = cls.from_meta(meta)
        if baseline is None:
            raise ValueError(
                'Calibration needs the population baseline a training run '
                f'stores with its last checkpoint (dataset meta '
                f'{BASELINE_KEY!r}); {checkpoint} has none: add it with '
                'python tools/misc/add_population_baseline.py CONFIG '
                'CHECKPOINT --out NEW.pth')
        return baseline

    @classmethod
    def from_meta(cls, meta: Optional[dict]) -> Optional['PopulationBaseline']:
        """From a checkpoint's dataset meta; None when it has none."""
        stored = (meta or {}).get(BASELINE_KEY)
        if not stored:
            return None
        intensity = stored.get('intensity')
        return cls(float(stored['quantile']),
                   np.asarray(stored['logits'], np.float64),
                   None if intensity is None else
                   np.asarray(intensity, np.float64),
                   int(stored['subjects']))
