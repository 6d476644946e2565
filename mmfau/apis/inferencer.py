"""AU detection on photographs, videos, image sequences and cameras."""
from concurrent.futures import ThreadPoolExecutor
from itertools import islice
from typing import Callable, Dict, Iterator, List, Optional

import numpy as np
import torch
from mmengine.dataset import Compose, pseudo_collate

from mmfau.calibration import (
    DEFAULT_MIN_FRAMES,
    PersonCalibration,
    PopulationBaseline,
)
from mmfau.deployment import batch_arrays, build_runtime, inference_pipeline
from mmfau.faces import align_face
from mmfau.faces.identity_tracker import FaceIdentityTracker
from mmfau.faces.inputs import (
    LANDMARKS_OUTSIDE,
    NO_FACE,
    NO_LANDMARKS,
    OK,
    Frame,
    InputType,
    iterate_frames,
)
from mmfau.faces.keyframe_face_finder import KeyframeFaceFinder
from mmfau.registry import LANDMARK_DETECTORS
from mmfau.structures import FaceResult, FrameResult
from mmfau.utils import StageClock


def _mostly_inside(landmarks: np.ndarray, shape: tuple) -> bool:
    """Whether at least half of a face's landmarks lie in the image."""
    height, width = shape[:2]
    inside = ((landmarks[:, 0] >= 0) & (landmarks[:, 0] < width) &
              (landmarks[:, 1] >= 0) & (landmarks[:, 1] < height))
    return bool(inside.mean() >= 0.5)


class FaceAUInferencer:
    """Find faces, align them and predict their AUs, in batches.

    Faces of a photograph are numbered within it, largest first (0, 1, ...),
    and never linked to another photograph's; faces of a video, an image
    sequence or a camera keep the id that :class:`FaceIdentityTracker` gives
    the person across frames.

    Args:
        model (nn.Module): From :func:`mmfau.apis.init_model`.
        detector (dict): Config of a registered landmark detector (with its
            face detector); all faces are kept.
        batch_size (int): Frames per detector call and faces per model call.
        tracker (dict): Arguments of :class:`FaceIdentityTracker`.
        redetect_every (int): In videos, run the face detector every this
            many frames and in between only the landmark stage in the
            previous boxes (1: detect in every frame). Faces that appear
            between detections are found at the next one.
        runtime (callable, optional): Runs the network on the aligned faces:
            one of :mod:`mmfau.deployment`'s runtimes (PyTorch float32 or
            bfloat16, ONNX Runtime float32 or int8); PyTorch float32 when
            None. The model's head decides presence.
        calibration (str, optional): Judge each tracked person's AUs
            against that person's own baseline
            (:class:`~mmfau.calibration.PersonCalibration`), beside the raw
            results (``FaceResult.calibrated``): ``'offline'`` (over the
            whole input: its frames are held until it ends) or
            ``'online'``; needs the population baseline a checkpoint of
            ``tools/train.py`` stores.
        calibration_min_frames (int): Online, frames of a person before
            their results are calibrated.
    """

    def __init__(self,
                 model: torch.nn.Module,
                 detector: dict = dict(type='DlibLandmarkDetector'),
                 batch_size: int = 16,
                 tracker: dict = dict(),
                 redetect_every: int = 1,
                 runtime: Optional[Callable] = None,
                 calibration: Optional[str] = None,
                 calibration_min_frames: int = DEFAULT_MIN_FRAMES) -> None:
        self.model = model
        self.detector = LANDMARK_DETECTORS.build(dict(detector, keep='all'))
        self.batch_size = batch_size
        # faces are framed as the training data was (see init_model)
        self.geometry = model.face_geometry
        self.pipeline = Compose(inference_pipeline(model.cfg))
        self.au_names = list(model.dataset_meta['au_names'])
        self.tracker_args = dict(tracker)
        self.redetect_every = redetect_every
        self.runtime = runtime or build_runtime('pytorch', model)
        self.threshold = model.head.threshold.cpu().numpy().astype(
            np.float32)
        #: Seconds in each stage so far: ``decode``, ``faces`` (finding
        #: faces and placing landmarks), ``detect`` (the face detector's
        #: part of it), ``align`` and ``network``; callers may add theirs
        #: (``write``).
        self.clock = StageClock()
        self.calibration = None
        if calibration is not None:
            self.calibration = PersonCalibration(
                PopulationBaseline.required(model.dataset_meta),
                self.threshold, calibration, calibration_min_frames)
        if self.detector.face_detector is not None:
            self.detector.face_detector = _TimedDetector(
                self.detector.face_detector, self.clock)

    @property
    def estimates_intensity(self) -> bool:
        """Whether the faces' results carry AU intensities."""
        return self.model.head.estimates_intensity

    def __call__(self,
                 inputs: InputType,
                 return_crops: bool = False,
                 return_images: bool = False,
                 sequence: bool = False) -> List[FrameResult]:
        """Predict AUs for every face of every frame.

        Args:
            inputs: A photograph, a video (any container OpenCV opens), a
                folder or a glob pattern, a camera index, a BGR array, or a
                list of these.
            return_crops (bool): Also return each aligned face (``crop``).
            return_images (bool): Also return each frame (``image``).
            sequence (bool): A folder or glob pattern is one image
                sequence whose faces are tracked, instead of separate
                photographs.

        Returns:
            list[FrameResult]: One per frame, with its ``status`` (``ok``;
            ``no_face``; ``landmarks_outside_image``: faces whose landmarks
            lie mostly outside the frame, dropped; ``unreadable`` or
            ``truncated``, then with a ``message`` naming the file: a bad
            input costs its own record, never the others') and its
            ``faces`` (:class:`~mmfau.structures.FaceResult`: ``id``,
            ``box``, ``face_score``, ``probabilities``, ``present``,
            ``threshold``, ``intensity``, ... in the order of
            ``au_names``).
        """
        return list(
            self.iterate(inputs, return_crops, return_images, sequence))

    def iterate(self,
                inputs: InputType,
                return_crops: bool = False,
                return_images: bool = False,
                sequence: bool = False,
                stop: Optional[Callable[[], bool]] = None,
                max_frames: Optional[int] = None) -> Iterator[FrameResult]:
        """Like :meth:`__call__`, frame by frame (for long videos).

        The face stage of the next batch of frames (decoding, detection,
        landmarks, alignment) runs in a second thread while the network
        runs on the current one.

        With calibration, each frame is calibrated as it comes (online),
        or an input's frames are held until it ends (offline).

        Args:
            stop (Callable[[], bool], optional): Asked between batches:
                once it returns True, the frames already scored are still
                yielded, and no new batch is started.
            max_frames (int, optional): Read at most this many frames (of
                all inputs together).
        """
        calibration = self.calibration
        if calibration is not None and calibration.mode == 'offline' and \
                return_images:
            raise ValueError('Offline calibration holds every frame of an '
                             'input until it ends: it returns no images '
                             '(read them again, or calibrate online).')
        records = self._scored(inputs, return_crops, return_images,
                               sequence, stop or (lambda: False), max_frames)
        try:
            yield from (records if calibration is None else
                        calibration.stream(records))
        finally:
            records.close()

    def _scored(self, inputs: InputType, return_crops: bool,
                return_images: bool, sequence: bool,
                stop: Callable[[], bool],
                max_frames: Optional[int]) -> Iterator[FrameResult]:
        """Every frame's results, the network run on one batch of frames
        while the face stage prepares the next."""
        chunks = self._prepared_chunks(inputs, return_crops, return_images,
                                       sequence, stop, max_frames)
        with ThreadPoolExecutor(max_workers=1) as pool:
            upcoming = pool.submit(next, chunks, None)
            while True:
                prepared = upcoming.result()
                if prepared is None:
                    return
                upcoming = pool.submit(next, chunks, None)
                records, samples, face_results = prepared
                self._predict(samples, face_results)
                yield from records
                if stop():
                    return

    def _prepared_chunks(self, inputs: InputType, return_crops: bool,
                         return_images: bool, sequence: bool,
                         stop: Callable[[], bool],
                         max_frames: Optional[int]) -> Iterator[tuple]:
        """Chunks of frames with their faces found and aligned, ready for
        the network: (records, samples, face_results); none is started
        once ``stop()`` is True."""
        chunk: List[Frame] = []
        finders: Dict[str, KeyframeFaceFinder] = {}
        trackers: Dict[str, FaceIdentityTracker] = {}
        source = iterate_frames(inputs, mark_unreadable=True,
                                sequence=sequence)
        frames = islice(source, max_frames)
        previous: Optional[str] = None  # the input of the frame before
        try:
            while True:
                with self.clock('decode'):
                    frame = next(frames, None)
                if frame is None or stop():
                    break
                if previous is not None and frame.input != previous:
                    # a chunk holds photographs, or frames of one tracked
                    # input
                    if chunk and (chunk[-1].tracked or frame.tracked):
                        yield self._prepare(chunk, finders, trackers,
                                            return_crops, return_images)
                        chunk = []
                    # the faces of an input are followed within it alone
                    finders.pop(previous, None)
                    trackers.pop(previous, None)
                previous = frame.input
                chunk.append(frame)
                if len(chunk) == self.batch_size:
                    yield self._prepare(chunk, finders, trackers,
                                        return_crops, return_images)
                    chunk = []
            if chunk and frame is None:  # the end, not a stop
                yield self._prepare(chunk, finders, trackers, return_crops,
                                    return_images)
        finally:
            source.close()  # the file or camera is released at once

    def _detect(self, chunk: List[Frame],
                finders: Dict[str, KeyframeFaceFinder]) -> list:
        """Faces of a chunk of photographs or of frames of one input."""
        images, keys = [f.image for f in chunk], [f.key for f in chunk]
        if not chunk[0].tracked:
            return self.detector.detect(images, keys)
        finder = finders.setdefault(
            chunk[0].input,
            KeyframeFaceFinder(self.detector, self.redetect_every))
        return finder(images, keys)

    def _prepare(self, chunk: List[Frame],
                 finders: Dict[str, KeyframeFaceFinder],
                 trackers: Dict[str, FaceIdentityTracker], return_crops: bool,
                 return_images: bool) -> tuple:
        """Find, track and align the faces of a chunk; the records to
        yield, the model inputs and the face results they fill in."""
        records, samples, face_results = [], [], []
        readable = [frame for frame in chunk if frame.status == OK]
        with self.clock('faces'):
            found = iter(self._detect(readable, finders) if readable else [])
        for frame in chunk:
            record = FrameResult(frame.input, frame.kind, frame.frame,
                                 frame.time, frame.status)
            if frame.status != OK:
                record.message = frame.message
                records.append(record)
                continue
            found_faces = next(found)
            faces = [face for face in found_faces
                     if _mostly_inside(face.landmarks, frame.image.shape)]
            if not faces:
                record.status = LANDMARKS_OUTSIDE if found_faces \
                    else NO_FACE
                if not self.detector.looks_at(frame.key):
                    record.status = NO_LANDMARKS
                    record.message = (f'{frame.input}: no landmarks for '
                                      f'{frame.key!r} in the landmark file.')
            if frame.tracked:
                tracker = trackers.setdefault(
                    frame.input, FaceIdentityTracker(**self.tracker_args))
                ids = tracker.update([f.box for f in faces],
                                     [f.landmarks for f in faces],
                                     frame.image)
            else:
                ids = list(range(len(faces)))  # largest first
            if return_images:
                record.image = frame.image
            for face_id, face in sorted(zip(ids, faces),
                                        key=lambda pair: pair[0]):
                with self.clock('align'):
                    crop, landmarks, _ = align_face(
                        frame.image, face.landmarks, self.geometry)
                    samples.append(self.pipeline(
                        dict(img=crop, landmarks=landmarks,
                             img_shape=crop.shape[:2],
                             ori_shape=crop.shape[:2],
                             # names the face in the pipeline's errors
                             img_path=f'{frame.input} (frame {frame.frame},'
                             f' face {face_id})')))
                result = FaceResult(face_id, face.box, face.score,
                                    face.landmarks,
                                    crop=crop if return_crops else None)
                record.faces.append(result)
                face_results.append(result)
            records.append(record)
        return records, samples, face_results

    def _predict(self, samples: list, face_results: List[FaceResult]) -> None:
        """Run the network on the aligned faces, in batches."""
        for start in range(0, len(samples), self.batch_size):
            batch = pseudo_collate(samples[start:start + self.batch_size])
            with self.clock('network'):
                estimates = self.runtime(*batch_arrays(batch))
            for i, (result, sample) in enumerate(
                    zip(face_results[start:], batch['data_samples'])):
                result.crop_landmarks = sample.landmarks.cpu().numpy()
                result.region_boxes = sample.region_boxes.cpu().numpy()
                result.probabilities = estimates.probabilities[i]
                result.present = result.probabilities >= self.threshold
                result.threshold = self.threshold
                if estimates.intensity is not None:
                    result.intensity = estimates.intensity[i]


class _TimedDetector:
    """A face detector whose :meth:`detect` calls add to a clock's
    ``detect`` stage; everything else is the detector's."""

    def __init__(self, detector, clock: StageClock) -> None:
        self._detector = detector
        self._clock = clock

    def detect(self, images, keys=None):
        with self._clock('detect'):
            return self._detector.detect(images, keys)

    def __getattr__(self, name: str):
        return getattr(self._detector, name)
