"""A built-in data set of procedurally drawn faces that needs no licence."""
from typing import List, Optional, Sequence

import numpy as np

from mmfau.facs import (
    ALL_AUS,
    GEOMETRY_KEY,
    PRESENT_FROM_INTENSITY,
    FaceGeometry,
    au_name,
)
from mmfau.registry import DATASETS

from .base_fau_dataset import FAUDataset
from .synthetic import (
    express,
    face_to_pixels,
    level_strength,
    neutral_landmarks,
    render_face,
    sample_identity,
    sample_levels,
)
from .synthetic.au_sampler import EXPRESSIONS

#: Range of the drawn faces' size relative to the image.
POSE_SCALES = (0.9, 1.0)


@DATASETS.register_module()
class SyntheticFaceDataset(FAUDataset):
    """Synthetic faces whose AUs are drawn as their FACS appearance changes.

    Subjects differ in face shape, skin, hair and background colours; frames
    differ in expression, head pose, lighting and noise. Everything is a
    deterministic function of ``seed``, so two processes (or two runs) see the
    same data. Subjects are split into ``num_parts`` disjoint parts like the
    3-fold subject-independent protocol of BP4D and DISFA: subject ``s``
    belongs to part ``s % num_parts + 1``.

    Every active AU has a FACS intensity level 1-5 (A-E), most at B or C
    (:data:`~mmfau.datasets.synthetic.LEVEL_SHARES`), stored as
    ``au_intensities`` (0 when absent); its appearance change is drawn at
    level / 5 of the full change, so a trace (A) is barely visible.

    Images are drawn when a sample is fetched; the 68 landmarks are exact.

    Args:
        parts (Sequence[int]): 1-based parts to include, e.g. ``(1, 2)`` to
            train and ``(3, )`` to test fold 1.
        num_subjects (int): Subjects in all parts.
        frames_per_subject (int): Frames drawn per subject.
        num_parts (int): How many parts the subjects are split into.
        image_size (int): Side of the square images, in pixels.
        seed (int): Seed of everything random in the data set.
        aus (Sequence[int]): AUs to label, rows of the FACS rule table.
        present_from (int): FACS level (1-5) from which an AU is labelled
            present; fainter traces are drawn but labelled absent, as
            DISFA's rule (present at intensity >= 2) does.
        **kwargs: Other arguments of :class:`FAUDataset`.
    """

    def __init__(self,
                 parts: Sequence[int] = (1, 2),
                 num_subjects: int = 18,
                 frames_per_subject: int = 100,
                 num_parts: int = 3,
                 image_size: int = 128,
                 seed: int = 0,
                 aus: Optional[Sequence[int]] = ALL_AUS,
                 present_from: int = PRESENT_FROM_INTENSITY,
                 **kwargs) -> None:
        bad = [p for p in parts if not 1 <= p <= num_parts]
        if bad or not parts:
            raise ValueError(f'parts must be a non-empty subset of '
                             f'1..{num_parts}, got {tuple(parts)}.')
        if num_subjects < num_parts:
            raise ValueError(f'{num_subjects} subjects cannot fill '
                             f'{num_parts} parts.')
        self.parts = tuple(int(p) for p in parts)
        self.num_subjects = num_subjects
        self.frames_per_subject = frames_per_subject
        self.num_parts = num_parts
        self.image_size = image_size
        self.seed = seed
        self.present_from = present_from
        super().__init__(aus=aus, **kwargs)

    def subject_part(self, subject: int) -> int:
        """The 1-based part of a 0-based subject index."""
        return subject % self.num_parts + 1

    def load_data_list(self) -> List[dict]:
        aus = self.selected_aus
        # faces are drawn upright at a scale in POSE_SCALES: the middle of
        # that range is how a real face must be aligned to resemble them
        geometry = FaceGeometry(self.image_size, float(np.mean(POSE_SCALES)))
        self._metainfo.update({
            'dataset': 'synthetic',
            'aus': aus,
            'au_names': [au_name(a) for a in aus],
            GEOMETRY_KEY: geometry.to_meta()
        })
        data_list = []
        for subject in range(self.num_subjects):
            if self.subject_part(subject) not in self.parts:
                continue
            rng = np.random.default_rng([self.seed, subject])
            identity = sample_identity(rng)
            bias = {name: rng.uniform(0.5, 1.5) for name in EXPRESSIONS}
            neutral = neutral_landmarks(identity)
            for frame in range(self.frames_per_subject):
                frame_rng = np.random.default_rng([self.seed, subject, frame])
                levels = sample_levels(frame_rng, aus, bias)
                intensities = {
                    au: level_strength(level, frame_rng)
                    for au, level in levels.items()
                }
                pose = dict(
                    angle=frame_rng.uniform(-8, 8),
                    scale=frame_rng.uniform(*POSE_SCALES),
                    shift=frame_rng.uniform(-0.03, 0.03, 2),
                    light=frame_rng.uniform(-0.4, 0.4, 2),
                    noise=frame_rng.uniform(2, 6),
                    seed=int(frame_rng.integers(2**31)))
                face = express(neutral, intensities)
                face += frame_rng.normal(0, 0.0015, face.shape)
                data_list.append(
                    dict(
                        subject=f'S{subject + 1:02d}',
                        session='synthetic',
                        frame=frame,
                        identity=identity,
                        face=face,
                        intensities=intensities,
                        pose=pose,
                        landmarks=face_to_pixels(face, self.image_size,
                                                 pose),
                        au_labels=np.array([
                            int(levels.get(a, 0) >= self.present_from)
                            for a in aus
                        ], dtype=np.int64),
                        au_intensities=np.array(
                            [levels.get(a, 0) for a in aus],
                            dtype=np.int64)))
        return data_list

    def get_data_info(self, idx: int) -> dict:
        info = super().get_data_info(idx)
        info['img'], _ = render_face(info['face'], info['intensities'],
                                     info['identity'], self.image_size,
                                     info['pose'])
        info['img_shape'] = info['ori_shape'] = info['img'].shape[:2]
        info['img_path'] = f'synthetic/{info["subject"]}/{info["frame"]}.png'
        return info
