"""A built-in data set of procedurally drawn faces that needs no licence."""
from typing import Dict, List, Optional, Sequence

import numpy as np

from mmfau.faces import GEOMETRY_KEY, FaceGeometry
from mmfau.facs import ALL_AUS, PRESENT_FROM_INTENSITY, au_name
from mmfau.registry import DATASETS

from .base_fau_dataset import FAUDataset
from .synthetic import (
    express,
    face_to_pixels,
    level_strength,
    neutral_landmarks,
    render_face,
    sample_accessories,
    sample_identity,
    sample_imaging,
    sample_levels,
    sample_occluders,
    sample_resting_marks,
)
from .synthetic.au_sampler import EXPRESSIONS
from .synthetic.base_rates import BP4D_EPISODE_MIX, fit_au_gains
from .synthetic.coding import code_levels
from .synthetic.difficulty import SyntheticDifficulty
from .synthetic.head_pose import realign

#: Range of the drawn faces' size relative to the image.
POSE_SCALES = (0.9, 1.0)
#: Spread and limit of out-of-plane head rotation, degrees (yaw, pitch):
#: mostly near frontal, as in lab recordings of people facing a camera.
HEAD_TURN_STD = (12.0, 7.0)
HEAD_TURN_LIMIT = (30.0, 20.0)
#: Independent random streams of the difficulty factors, so that switching
#: one off leaves every other draw as it was.
_STREAMS = dict(resting_marks=1, head_pose=2, occlusion=3, imaging=4,
                coding=5)


@DATASETS.register_module()
class SyntheticFaceDataset(FAUDataset):
    """Synthetic faces whose AUs are drawn as their FACS appearance changes.

    Subjects differ in face shape, skin, hair and background colours; frames
    differ in expression and head pose. ``difficulty``
    (:class:`~.synthetic.difficulty.SyntheticDifficulty`) adds what makes
    real faces hard, each factor switchable: resting lines and shapes that
    resemble AU cues, out-of-plane head turns, occluders, camera and light
    degradations, coders' disagreement at faint levels, and BP4D's rates of
    presence. Everything is a
    deterministic function of ``seed``, so two processes (or two runs) see the
    same data. Subjects are split into ``num_parts`` disjoint parts like the
    3-fold subject-independent protocol of BP4D and DISFA, named as theirs
    are: subject ``s`` belongs to part ``f'P{s % num_parts + 1}'``.

    Every active AU has a FACS intensity level 1-5 (A-E), most at B or C
    (:data:`~mmfau.datasets.synthetic.LEVEL_SHARES`); its appearance change
    is drawn at level / 5 of the full change, so a trace (A) is barely
    visible. ``au_intensities`` (0 when absent) and ``au_labels`` hold the
    levels a coder gives, which may depart from the drawn ones by one level
    (``coder_disagreement``).

    Images are drawn when a sample is fetched; the 68 landmarks are exact.

    Args:
        parts (Sequence[str]): Parts to include, named ``'P1'`` to
            ``'P<num_parts>'`` as BP4D's and DISFA's are, e.g.
            ``('P1', 'P2')`` to train and ``('P3', )`` to test fold 1.
        num_subjects (int): Subjects in all parts.
        frames_per_subject (int): Frames drawn per subject.
        num_parts (int): How many parts the subjects are split into.
        image_size (int): Side of the square images, in pixels.
        seed (int): Seed of everything random in the data set.
        aus (Sequence[int]): AUs to label, rows of the FACS rule table.
        present_from (int): FACS level (1-5) from which an AU is labelled
            present; fainter traces are drawn but labelled absent, as
            DISFA's rule (present at intensity >= 2) does.
        keep_drawn (bool): Keep every drawn image in memory (about 50 kB a
            face at 128 pixels), so that later epochs do not draw it again;
            each data-loader worker keeps its own.
        difficulty (dict, optional): Switches of
            :class:`~.synthetic.difficulty.SyntheticDifficulty`; None or
            missing keys: its defaults (every factor on).
        **kwargs: Other arguments of :class:`FAUDataset`.
    """

    def __init__(self,
                 parts: Sequence[str] = ('P1', 'P2'),
                 num_subjects: int = 18,
                 frames_per_subject: int = 100,
                 num_parts: int = 3,
                 image_size: int = 128,
                 seed: int = 0,
                 aus: Optional[Sequence[int]] = ALL_AUS,
                 present_from: int = PRESENT_FROM_INTENSITY,
                 keep_drawn: bool = False,
                 difficulty: Optional[dict] = None,
                 **kwargs) -> None:
        names = [f'P{k}' for k in range(1, num_parts + 1)]
        if not parts or any(p not in names for p in parts):
            raise ValueError(f'parts must be a non-empty subset of {names}, '
                             f'got {tuple(parts)}.')
        if num_subjects < num_parts:
            raise ValueError(f'{num_subjects} subjects cannot fill '
                             f'{num_parts} parts.')
        self.parts = tuple(parts)
        self.num_subjects = num_subjects
        self.frames_per_subject = frames_per_subject
        self.num_parts = num_parts
        self.image_size = image_size
        self.seed = seed
        self.present_from = present_from
        self.difficulty = SyntheticDifficulty.build(difficulty)
        self.keep_drawn = keep_drawn
        self._drawn = {}
        super().__init__(aus=aus, **kwargs)

    def subject_part(self, subject: int) -> str:
        """The part (``'P1'``, ...) of a 0-based subject index."""
        return f'P{subject % self.num_parts + 1}'

    def _stream(self, subject: int, factor: str,
                frame: Optional[int] = None) -> np.random.Generator:
        """The random stream of one difficulty factor for a subject (frame
        None) or one of its frames."""
        if frame is None:  # above any frame index
            return np.random.default_rng(
                [self.seed, subject, 2**32 - 1 - _STREAMS[factor]])
        return np.random.default_rng(
            [self.seed, subject, frame, _STREAMS[factor]])

    def load_data_list(self) -> List[dict]:
        aus = self.selected_aus
        difficulty = self.difficulty
        # faces are drawn upright at a scale in POSE_SCALES: the middle of
        # that range is how a real face must be aligned to resemble them
        geometry = FaceGeometry(self.image_size, float(np.mean(POSE_SCALES)))
        self._metainfo.update({
            'dataset': 'synthetic',
            'aus': aus,
            'au_names': [au_name(a) for a in aus],
            'difficulty': difficulty.to_dict(),
            GEOMETRY_KEY: geometry.to_meta()
        })
        mix, gains = None, None
        if difficulty.base_rates:
            mix = BP4D_EPISODE_MIX
            # BP4D's rates hold under DISFA's rule; a stricter rule labels
            # fewer of the same faces present
            gains = fit_au_gains(aus, PRESENT_FROM_INTENSITY)
        data_list = []
        for subject in range(self.num_subjects):
            if self.subject_part(subject) not in self.parts:
                continue
            rng = np.random.default_rng([self.seed, subject])
            identity = sample_identity(rng)
            bias = {name: rng.uniform(0.5, 1.5) for name in EXPRESSIONS}
            if difficulty.resting_marks:
                identity['marks'] = sample_resting_marks(
                    self._stream(subject, 'resting_marks'))
            accessories = sample_accessories(
                self._stream(subject, 'occlusion'))
            neutral = neutral_landmarks(identity)
            for frame in range(self.frames_per_subject):
                data_list.append(
                    self._draw_frame(subject, frame, identity, neutral, bias,
                                     accessories, mix, gains))
        self._count_labels(data_list)
        return data_list

    def _levels(self, subject: int, frame: int, rng: np.random.Generator,
                bias: dict, mix: Optional[dict],
                gains: Optional[dict]) -> Dict[int, int]:
        """The FACS levels of the AUs active in one frame: an expression
        episode drawn for the frame alone."""
        return sample_levels(rng, self.selected_aus, bias, mix, gains)

    def _draw_frame(self, subject: int, frame: int, identity: dict,
                    neutral: np.ndarray, bias: dict, accessories: dict,
                    mix: Optional[dict], gains: Optional[dict]) -> dict:
        """Everything of one frame but its pixels."""
        aus = self.selected_aus
        difficulty = self.difficulty
        frame_rng = np.random.default_rng([self.seed, subject, frame])
        levels = self._levels(subject, frame, frame_rng, bias, mix, gains)
        intensities = {
            au: level_strength(level, frame_rng)
            for au, level in levels.items()
        }
        pose = dict(
            angle=frame_rng.uniform(-8, 8),
            scale=frame_rng.uniform(*POSE_SCALES),
            shift=frame_rng.uniform(-0.03, 0.03, 2),
            yaw=0.0,
            pitch=0.0)
        if difficulty.head_pose:
            turn = self._stream(subject, 'head_pose', frame).normal(
                0, HEAD_TURN_STD)
            pose['yaw'], pose['pitch'] = np.clip(turn, -np.array(
                HEAD_TURN_LIMIT), HEAD_TURN_LIMIT).tolist()
        face = express(neutral, intensities)
        face += frame_rng.normal(0, 0.0015, face.shape)
        if difficulty.head_pose:
            pose = realign(face, pose)
        occluders = sample_occluders(
            self._stream(subject, 'occlusion', frame),
            accessories) if difficulty.occlusion else []
        imaging = sample_imaging(self._stream(subject, 'imaging', frame),
                                 degrade=difficulty.imaging)
        coded = code_levels(levels, self._stream(subject, 'coding', frame),
                            difficulty.coder_disagreement)
        return dict(
            subject=f'S{subject + 1:02d}',
            session='synthetic',
            frame=frame,
            identity=identity,
            face=face,
            intensities=intensities,
            pose=pose,
            occluders=occluders,
            imaging=imaging,
            landmarks=face_to_pixels(face, self.image_size, pose),
            au_labels=np.array(
                [int(coded.get(a, 0) >= self.present_from) for a in aus],
                dtype=np.int64),
            au_intensities=np.array([coded.get(a, 0) for a in aus],
                                    dtype=np.int64))

    def get_data_info(self, idx: int) -> dict:
        info = super().get_data_info(idx)
        img = self._drawn.get(idx)
        if img is None:
            img, _ = render_face(info['face'], info['intensities'],
                                 info['identity'], self.image_size,
                                 info['pose'], info['occluders'],
                                 info['imaging'])
            if self.keep_drawn:
                self._drawn[idx] = img
        # a kept drawing is copied, so no transform can change it in place
        info['img'] = img.copy() if self.keep_drawn else img
        info['img_shape'] = info['ori_shape'] = info['img'].shape[:2]
        info['img_path'] = f'synthetic/{info["subject"]}/{info["frame"]}.png'
        return info
