"""The switches of what makes the synthetic faces as hard as real ones.

Each factor imitates a known reason why AU recognition on real data is hard
and can be switched off alone, so its effect on a model can be measured.
"""
from dataclasses import asdict, dataclass, fields
from typing import Optional, Union


@dataclass(frozen=True)
class SyntheticDifficulty:
    """Which difficulty factors the synthetic faces have.

    Args:
        resting_marks (bool): Permanent forehead and glabella lines,
            nasolabial folds and crow's feet that deepen with age, resting
            brow height and lip-corner shape: resting faces that resemble
            AU cues (:func:`~.face_geometry.sample_resting_marks`).
        head_pose (bool): Out-of-plane yaw (up to about 30 degrees) and
            pitch, the far side foreshortened and partly hidden
            (:mod:`.head_pose`).
        occlusion (bool): Glasses frames, a hair fringe, a hand on the
            mouth or chin, a microphone (:mod:`.occluders`).
        imaging (bool): Side light, exposure, motion blur, defocus, sensor
            noise, JPEG compression, low resolution (:mod:`.imaging`);
            switched off, a clean studio camera.
        coder_disagreement (float): Probability that a coder departs by one
            level from a faint AU's true level (:mod:`.coding`); 0 gives
            labels that are exactly the drawn levels.
        base_rates (bool): Episodes in BP4D's mix and each AU present about
            as often as in BP4D (:mod:`.base_rates`); switched off, the
            episodes' own weights and probabilities.
    """

    resting_marks: bool = True
    head_pose: bool = True
    occlusion: bool = True
    imaging: bool = True
    coder_disagreement: float = 0.15
    base_rates: bool = True

    def __post_init__(self) -> None:
        if not 0 <= self.coder_disagreement <= 1:
            raise ValueError('coder_disagreement must lie in [0, 1], got '
                             f'{self.coder_disagreement}.')

    @classmethod
    def build(cls, cfg: Optional[Union[dict, 'SyntheticDifficulty']]
              ) -> 'SyntheticDifficulty':
        """From a config dict (missing keys keep their defaults), an
        instance, or None for the defaults; an unknown key is an error that
        names the known ones."""
        if isinstance(cfg, cls):
            return cfg
        cfg = dict(cfg or {})
        known = [f.name for f in fields(cls)]
        unknown = sorted(set(cfg) - set(known))
        if unknown:
            raise ValueError(f'Unknown synthetic difficulty factor(s) '
                             f'{unknown}; known: {known}.')
        return cls(**cfg)

    @classmethod
    def none(cls) -> 'SyntheticDifficulty':
        """Every factor off: upright clean faces with exact labels."""
        return cls(resting_marks=False, head_pose=False, occlusion=False,
                   imaging=False, coder_disagreement=0.0, base_rates=False)

    def to_dict(self) -> dict:
        """The switches as a plain dict (for metainfo and configs)."""
        return asdict(self)
