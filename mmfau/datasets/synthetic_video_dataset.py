"""The built-in synthetic subjects as videos: expressions that rise and
fall over time between stretches of the resting face."""
from typing import Dict, List, Optional

import numpy as np

from mmfau.registry import DATASETS

from .synthetic import sample_levels
from .synthetic_dataset import SyntheticFaceDataset

#: Frames of resting face between two expression episodes (uniform range).
REST_FRAMES = (6, 24)
#: Frames of one expression episode (uniform range).
EPISODE_FRAMES = (24, 60)


@DATASETS.register_module()
class SyntheticVideoDataset(SyntheticFaceDataset):
    """Each subject of :class:`SyntheticFaceDataset` (the same identity,
    resting face, accessories and difficulty factors) as one video of
    ``frames_per_subject`` frames in order: stretches of the resting face,
    then expression episodes whose AU levels rise and fall as a half sine,
    labelled frame by frame. The protocol on which a per-person
    calibration is measured: the frames of a subject are one person's
    video.

    Args:
        dominant_au (int, optional): An AU the person shows most of the
            time (at FACS level 2-3 in ``dominant_share`` of the frames,
            besides the episodes): the case where judging each AU against
            the person's own usual face is known to fail.
        dominant_share (float): Share of frames showing ``dominant_au``.
        **kwargs: :class:`SyntheticFaceDataset`'s arguments.
    """

    def __init__(self,
                 dominant_au: Optional[int] = None,
                 dominant_share: float = 0.8,
                 **kwargs) -> None:
        if not 0 < dominant_share <= 1:
            raise ValueError('dominant_share must lie in (0, 1], got '
                             f'{dominant_share}.')
        self.dominant_au = dominant_au
        self.dominant_share = dominant_share
        self._tracks: Dict[int, List[Dict[int, int]]] = {}
        super().__init__(**kwargs)
        if dominant_au is not None and dominant_au not in self.selected_aus:
            raise ValueError(f'dominant_au {dominant_au} is not one of the '
                             f'labelled AUs {self.selected_aus}.')

    def _levels(self, subject: int, frame: int, rng: np.random.Generator,
                bias: dict, mix: Optional[dict],
                gains: Optional[dict]) -> Dict[int, int]:
        if subject not in self._tracks:
            self._tracks[subject] = self._track(subject, bias, mix, gains)
        return dict(self._tracks[subject][frame])

    def _track(self, subject: int, bias: dict, mix: Optional[dict],
               gains: Optional[dict]) -> List[Dict[int, int]]:
        """The AU levels of each frame of a subject's video."""
        rng = np.random.default_rng([self.seed, subject, 2**31 + 7])
        track: List[Dict[int, int]] = []
        while len(track) < self.frames_per_subject:
            track += [{} for _ in range(int(rng.integers(*REST_FRAMES)))]
            peak = sample_levels(rng, self.selected_aus, bias, mix, gains)
            track += _episode(peak, int(rng.integers(*EPISODE_FRAMES)))
        track = track[:self.frames_per_subject]
        if self.dominant_au is not None:
            held = rng.uniform(size=len(track)) < self.dominant_share
            for levels, hold in zip(track, held):
                if hold and self.dominant_au not in levels:
                    levels[self.dominant_au] = int(rng.integers(2, 4))
        return track


def _episode(peak: Dict[int, int], length: int) -> List[Dict[int, int]]:
    """An episode's levels over its frames: the peak levels under a half
    sine, an AU absent where its level rounds to 0."""
    envelope = np.sin(np.pi * (np.arange(length) + 0.5) / length)
    frames: List[Dict[int, int]] = []
    for scale in envelope:
        levels = {au: int(round(level * scale))
                  for au, level in peak.items()}
        frames.append({au: level for au, level in levels.items()
                       if level >= 1})
    return frames

