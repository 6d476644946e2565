"""AU detection on images, videos and cameras."""
import os.path as osp
from typing import Iterator, List, Sequence, Tuple, Union

import cv2
import numpy as np
import torch
from mmengine.dataset import Compose, pseudo_collate

from mmfau.landmarks import align_face
from mmfau.registry import LANDMARK_DETECTORS

from .model import inference_pipeline
from .tracker import IoUTracker, box_iou

VIDEO_EXTENSIONS = ('.mp4', '.avi', '.mov', '.mkv', '.webm', '.m4v')
InputType = Union[str, int, np.ndarray, Sequence[Union[str, np.ndarray]]]


def _frames(inputs: InputType
            ) -> Iterator[Tuple[int, float, np.ndarray, str, str]]:
    """Yield (frame index, time in s, BGR image, source, key); the key names
    the frame for file-based landmarks: the image's file name, or
    ``<video file name>/<frame index>``."""
    if isinstance(inputs, np.ndarray):
        yield 0, 0.0, inputs, 'array', 'array'
        return
    if isinstance(inputs, (list, tuple)):
        for index, item in enumerate(inputs):
            for _, _, image, name, key in _frames(item):
                yield index, 0.0, image, name, key
        return
    is_camera = isinstance(inputs, int)
    if is_camera or str(inputs).lower().endswith(VIDEO_EXTENSIONS):
        if not is_camera and not osp.isfile(inputs):
            raise FileNotFoundError(f'{inputs}: video file does not exist.')
        capture = cv2.VideoCapture(inputs)
        if not capture.isOpened():
            raise ValueError(f'{inputs}: cannot be opened as a video.')
        fps = capture.get(cv2.CAP_PROP_FPS) or 30.0
        index = 0
        try:
            while True:
                ok, image = capture.read()
                if not ok:
                    break
                yield (index, index / fps, image, str(inputs),
                       f'{osp.basename(str(inputs))}/{index}')
                index += 1
        finally:
            capture.release()
        if index == 0 and not is_camera:
            raise ValueError(f'{inputs}: no frame could be decoded.')
        return
    image = cv2.imread(str(inputs), cv2.IMREAD_COLOR)
    if image is None:
        raise ValueError(f'{inputs}: not a readable image file.' if osp.isfile(
            inputs) else f'{inputs}: image file does not exist.')
    yield 0, 0.0, image, str(inputs), osp.basename(str(inputs))


class _FaceFollower:
    """Detect faces every ``interval`` frames; in between, find landmarks in
    the previous frame's boxes, moved with the faces' landmarks (each box
    keeps the offset from its landmarks' centre that the detector gave it).
    Detect again early when a followed face is lost (its landmarks leave
    the box they were searched in)."""

    def __init__(self, detector, interval: int, min_iou: float = 0.3):
        self.detector = detector
        self.interval = interval
        self.min_iou = min_iou
        self.previous = []
        self.offsets = []
        self.since_detection = 0

    def __call__(self, images, keys) -> list:
        if self.interval <= 1:
            return self.detector.detect(images, keys)
        found = []
        for image, key in zip(images, keys):
            faces = None
            if self.previous and self.since_detection < self.interval:
                boxes = [
                    self._follow(face, offset)
                    for face, offset in zip(self.previous, self.offsets)
                ]
                faces = self.detector.refine([image], [key], [boxes])[0]
                if self._lost(faces, boxes):
                    faces = None
            if faces is None:
                faces = self.detector.detect([image], [key])[0]
                self.offsets = [
                    (face.box[:2] + face.box[2:]) / 2 - _centre(face)
                    for face in faces
                ]
                self.since_detection = 0
            self.since_detection += 1
            self.previous = faces
            found.append(faces)
        return found

    @staticmethod
    def _follow(face, offset: np.ndarray) -> np.ndarray:
        centre = _centre(face) + offset
        half = (face.box[2:] - face.box[:2]) / 2
        return np.concatenate([centre - half, centre + half])

    def _lost(self, faces, boxes) -> bool:
        if len(faces) != len(boxes):
            return True
        for face, box in zip(faces, boxes):
            points = face.landmarks
            if not np.isfinite(points).all():
                return True
            spread = np.concatenate([points.min(0), points.max(0)])
            if box_iou(spread, box)[0, 0] < self.min_iou:
                return True
        return False


def _centre(face) -> np.ndarray:
    """Centre of a face's landmark bounding box."""
    return (face.landmarks.min(0) + face.landmarks.max(0)) / 2


class FaceAUInferencer:
    """Find faces, align them and predict their AUs, in batches.

    Args:
        model (nn.Module): From :func:`mmfau.apis.init_model`.
        detector (dict): Config of a registered landmark detector; all faces
            are kept.
        batch_size (int): Frames per detector call and faces per model call.
        track_iou (float): Overlap that keeps a face's id across frames.
        redetect_every (int): In videos, run the face detector every this
            many frames and in between only the landmark network in the
            previous boxes (1: detect in every frame). Faces that appear
            between detections are found at the next one.
    """

    def __init__(self,
                 model: torch.nn.Module,
                 detector: dict = dict(type='DlibLandmarkDetector'),
                 batch_size: int = 16,
                 track_iou: float = 0.3,
                 redetect_every: int = 1) -> None:
        self.model = model
        self.detector = LANDMARK_DETECTORS.build(dict(detector, keep='all'))
        self.batch_size = batch_size
        # faces are framed as the training data was (see init_model)
        self.geometry = model.face_geometry
        self.pipeline = Compose(inference_pipeline(model.cfg))
        self.au_names = list(model.dataset_meta['au_names'])
        self.track_iou = track_iou
        self.redetect_every = redetect_every

    def __call__(self,
                 inputs: InputType,
                 return_crops: bool = False,
                 return_images: bool = False) -> List[dict]:
        """Predict AUs for every face of every frame.

        Args:
            inputs: An image path, a video path, a camera index, a BGR
                array, or a list of image paths and arrays.
            return_crops (bool): Also return each aligned face (``crop``).
            return_images (bool): Also return each frame (``image``).

        Returns:
            list[dict]: One dict per frame: ``frame``, ``time``, ``source``
            and ``faces``, a list (empty when no face was found) of dicts
            with ``id`` (the same person keeps it across a video), ``box``
            (x1, y1, x2, y2), ``landmarks`` (68, 2) in the frame,
            ``crop_landmarks`` and ``region_boxes`` (8, 4) in the aligned
            face, ``scores`` (K,) probabilities, ``present`` (K,) bools and
            ``threshold`` (K,), the model's presence threshold, in the order
            of ``au_names``.
        """
        return list(self.iterate(inputs, return_crops, return_images))

    def iterate(self,
                inputs: InputType,
                return_crops: bool = False,
                return_images: bool = False) -> Iterator[dict]:
        """Like :meth:`__call__`, frame by frame (for long videos)."""
        tracker = IoUTracker(self.track_iou)
        follower = _FaceFollower(self.detector, self.redetect_every)
        chunk = []
        for item in _frames(inputs):
            chunk.append(item)
            if len(chunk) == self.batch_size:
                yield from self._process(chunk, tracker, follower,
                                         return_crops, return_images)
                chunk = []
        if chunk:
            yield from self._process(chunk, tracker, follower, return_crops,
                                     return_images)

    def _process(self, chunk, tracker: IoUTracker, follower: _FaceFollower,
                 return_crops: bool, return_images: bool) -> List[dict]:
        images = [item[2] for item in chunk]
        detections = follower(images, [item[4] for item in chunk])
        frames, samples, owners = [], [], []
        for (index, time, image, source, _), faces in zip(chunk, detections):
            ids = tracker.update([face.box for face in faces])
            record = dict(frame=index, time=time, source=source, faces=[])
            if return_images:
                record['image'] = image
            for face_id, face in sorted(zip(ids, faces),
                                        key=lambda pair: pair[0]):
                crop, landmarks, _ = align_face(image, face.landmarks,
                                                self.geometry)
                result = dict(
                    id=face_id,
                    box=face.box,
                    score=face.score,
                    landmarks=face.landmarks)
                if return_crops:
                    result['crop'] = crop
                record['faces'].append(result)
                samples.append(
                    self.pipeline(
                        dict(
                            img=crop,
                            landmarks=landmarks,
                            img_shape=crop.shape[:2],
                            ori_shape=crop.shape[:2])))
                owners.append(result)
            frames.append(record)
        for start in range(0, len(samples), self.batch_size):
            batch = pseudo_collate(samples[start:start + self.batch_size])
            with torch.no_grad():
                outputs = self.model.test_step(batch)
            for result, output in zip(owners[start:], outputs):
                scores = output.pred_score.float().cpu().numpy()
                result.update(
                    crop_landmarks=output.landmarks.cpu().numpy(),
                    region_boxes=output.region_boxes.cpu().numpy(),
                    scores=scores,
                    present=output.pred_label.cpu().numpy(),
                    threshold=output.pred_threshold.cpu().numpy())
        return frames
