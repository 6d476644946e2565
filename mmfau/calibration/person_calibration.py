"""Each person's AU outputs judged against that person's own usual face."""
from collections import defaultdict
from typing import Dict, Iterable, Iterator, List, NamedTuple, Optional

import numpy as np

from mmfau.facs import MAX_INTENSITY
from mmfau.structures import CalibratedScores, FaceResult, FrameResult

from .baseline import (
    PopulationBaseline,
    intensity_logits,
    logistic,
    person_reference,
    probability_logits,
)

#: Calibration modes: every frame of a video against the person's
#: baseline over the whole video, or each frame against the baseline of
#: the person's frames so far.
MODES = ('offline', 'online')
#: Online, frames of a person before their results are calibrated.
DEFAULT_MIN_FRAMES = 30
#: Online, the most recent frames of a person a baseline is taken over.
ONLINE_WINDOW = 3000


class _Outputs(NamedTuple):
    """A face's outputs as logits (K, ), a person's over frames (frames,
    K), or how far a person's baselines lie from the population's (K, );
    intensity None without an intensity head."""
    logits: np.ndarray
    intensity: Optional[np.ndarray]


class _RecentOutputs:
    """A person's outputs over their most recent ``window`` frames, kept in
    place (the oldest row overwritten): a baseline is a quantile, which
    the rows' order does not change."""

    def __init__(self, window: int) -> None:
        self.window = window
        self.added = 0
        self.rows: Optional[_Outputs] = None

    def add(self, outputs: _Outputs) -> None:
        if self.rows is None:
            self.rows = _Outputs(*(
                None if values is None else
                np.empty((self.window, len(values)), np.float64)
                for values in outputs))
        row = self.added % self.window
        for rows, values in zip(self.rows, outputs):
            if rows is not None:
                rows[row] = values
        self.added += 1

    def __len__(self) -> int:
        return min(self.added, self.window)

    def outputs(self) -> _Outputs:
        """The rows filled so far."""
        return _Outputs(*(None if rows is None else rows[:len(self)]
                          for rows in self.rows))


class PersonCalibration:
    """Shift each tracked person's AU logits (and intensity logits) by the
    difference between that person's baseline and the training
    population's (:class:`PopulationBaseline`): a brow that rests low, lip
    corners that rest up, lines a face always has, then count as that
    person's neutral instead of as AUs. A baseline of ``n`` frames moves
    the results by ``n / (n + prior_frames)`` of that difference, so a
    person seen briefly moves them little (one frame of a video by 1/61).
    Photographs are not calibrated: they are not tracked, so a face is no
    one's in particular.

    Args:
        baseline (PopulationBaseline): The training population's, from the
            checkpoint; its quantile is the person's too.
        threshold (np.ndarray): (K, ) presence thresholds.
        mode (str): ``'offline'``: the baseline over all of the person's
            frames in the input (two passes); ``'online'``: over the
            person's frames so far, from ``min_frames`` on (causal; before,
            frames are left uncalibrated).
        min_frames (int): Frames of a person before an online baseline.
        window (int): Most recent frames of a person an online baseline
            is taken over.
        prior_frames (int): Frames that weigh as much as the population's
            baseline against the person's (see above).
    """

    def __init__(self,
                 baseline: PopulationBaseline,
                 threshold: np.ndarray,
                 mode: str = 'offline',
                 min_frames: int = DEFAULT_MIN_FRAMES,
                 window: int = ONLINE_WINDOW,
                 prior_frames: int = 60) -> None:
        if mode not in MODES:
            raise ValueError(f'Calibration mode must be one of {MODES}, got '
                             f'{mode!r}.')
        if min_frames < 1 or window < min_frames:
            raise ValueError('Calibration needs 1 <= min_frames <= window, '
                             f'got {min_frames} and {window}.')
        self.baseline = baseline
        self.threshold = np.asarray(threshold)
        self.mode = mode
        self.min_frames = min_frames
        self.prior_frames = prior_frames
        self._window = window
        self._input: Optional[str] = None
        self._history: Dict[int, _RecentOutputs] = {}

    def reset(self) -> None:
        """Forget every person's frames so far (online): a new input, or
        the same one read again."""
        self._input = None
        self._history = {}

    def stream(self, frames: Iterable[FrameResult]
               ) -> Iterator[FrameResult]:
        """Calibrate frames as they come: online, each as it is yielded;
        offline, an input's frames held until the next input starts or
        the frames end.

        Args:
            frames (Iterable[FrameResult]): Frames of one or more inputs,
                in order.

        Returns:
            Iterator[FrameResult]: The same frames, calibrated.
        """
        if self.mode == 'online':
            self.reset()
            for frame in frames:
                self.online(frame)
                yield frame
            return
        held: List[FrameResult] = []
        for frame in frames:
            if held and frame.input != held[0].input:
                self.offline(held)
                yield from held
                held = []
            held.append(frame)
        self.offline(held)
        yield from held

    def online(self, frame: FrameResult) -> None:
        """Calibrate a frame's faces against each person's frames so far
        in the frame's input (this one included), once a person has
        ``min_frames``; the frames of another input start afresh.

        Args:
            frame (FrameResult): Its faces get ``calibrated``.
        """
        if frame.kind == 'image':
            return
        if frame.input != self._input:
            self.reset()
            self._input = frame.input
        for face in frame.faces:
            history = self._history.setdefault(
                face.id, _RecentOutputs(self._window))
            outputs = self._outputs(face)
            history.add(outputs)
            if len(history) >= self.min_frames:
                self._apply(face, outputs, self._shift(history.outputs()),
                            len(history))

    def offline(self, frames: Iterable[FrameResult]) -> None:
        """Calibrate every face of a tracked input's frames against each
        person's frames over the whole input.

        Args:
            frames (Iterable[FrameResult]): Every frame of one or more
                inputs; their faces get ``calibrated``.
        """
        people: Dict[tuple, List[FaceResult]] = defaultdict(list)
        for frame in frames:
            if frame.kind != 'image':
                for face in frame.faces:
                    people[frame.input, face.id].append(face)
        for faces in people.values():
            outputs = [self._outputs(face) for face in faces]
            shift = self._shift(_Outputs(*(
                None if per_face[0] is None else np.stack(per_face)
                for per_face in zip(*outputs))))
            for face, face_outputs in zip(faces, outputs):
                self._apply(face, face_outputs, shift, len(faces))

    @staticmethod
    def _outputs(face: FaceResult) -> _Outputs:
        return _Outputs(probability_logits(face.probabilities),
                        None if face.intensity is None else
                        intensity_logits(face.intensity))

    def _shift(self, history: _Outputs) -> _Outputs:
        """How far a person's baselines lie from the population's,
        weighted by how many frames they come from.

        Args:
            history (_Outputs): The person's outputs, (frames, K) each.
        """
        baseline = self.baseline
        frames = len(history.logits)
        weight = frames / (frames + self.prior_frames)
        logits = person_reference(history.logits, baseline.quantile)
        intensity = None
        if history.intensity is not None and baseline.intensity is not None:
            intensity = weight * (person_reference(
                history.intensity, baseline.quantile) - baseline.intensity)
        return _Outputs(weight * (logits - baseline.logits), intensity)

    def _apply(self, face: FaceResult, outputs: _Outputs, shift: _Outputs,
               frames: int) -> None:
        probabilities = logistic(outputs.logits - shift.logits).astype(
            np.float32)
        face.calibrated = CalibratedScores(
            probabilities, probabilities >= self.threshold,
            None if outputs.intensity is None or shift.intensity is None
            else (MAX_INTENSITY * logistic(
                outputs.intensity - shift.intensity)).astype(np.float32),
            frames)
