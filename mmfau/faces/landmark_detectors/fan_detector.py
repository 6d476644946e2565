"""face-alignment's FAN (2D, 68 points) with its own face detector."""
from typing import List, Optional, Sequence

import numpy as np
import torch

from mmfau.registry import LANDMARK_DETECTORS

from ..face_detectors.base import keypoints_of
from .base import BaseLandmarkDetector, Face


@LANDMARK_DETECTORS.register_module()
class FANLandmarkDetector(BaseLandmarkDetector):
    """FAN landmarks (Bulat and Tzimiropoulos) via ``face-alignment``.

    Its weights (FAN, and S3FD unless another face detector is given)
    download on first use, so it needs the network once; use
    :class:`DlibLandmarkDetector` where there is none. Without a
    ``face_detector``, face-alignment's S3FD finds the faces, and images of
    one size are detected as one batch on the GPU when present; with one
    (any of ``FACE_DETECTORS``), FAN places landmarks in its boxes.

    Args:
        keep (str): ``'largest'`` or ``'all'`` faces per image.
        face_detector (dict, optional): Config of the face detector.
        device (str, optional): 'cuda', 'cpu', ...; defaults to CUDA when
            available.
    """

    def __init__(self,
                 keep: str = 'largest',
                 face_detector: Optional[dict] = None,
                 device: Optional[str] = None) -> None:
        super().__init__(keep, face_detector)
        import face_alignment
        self.device = device or ('cuda'
                                 if torch.cuda.is_available() else 'cpu')
        # with our own detector, face-alignment's stays unused ('folder'
        # loads no weights)
        self._model = face_alignment.FaceAlignment(
            face_alignment.LandmarksType.TWO_D,
            device=self.device,
            face_detector='sfd' if face_detector is None else 'folder')

    def refine(self, images, keys, boxes) -> List[List[Face]]:
        results = []
        for image, image_boxes in zip(images, boxes):
            if not len(image_boxes):
                results.append([])
                continue
            detections = [
                np.append(box[:4], box[4] if len(box) > 4 else 1.0)
                for box in image_boxes
            ]
            points = self._model.get_landmarks_from_image(
                np.ascontiguousarray(image[..., ::-1]),
                detected_faces=detections) or []
            results.append([
                Face(np.asarray(det[:4], dtype=np.float32), float(det[4]),
                     np.asarray(p, dtype=np.float32) + 0.5,
                     keypoints_of(np.asarray(box)))
                for det, p, box in zip(detections, points, image_boxes)
            ])
        return results

    def detect_all(self,
                   images: Sequence[np.ndarray],
                   keys: Optional[Sequence[str]] = None) -> List[List[Face]]:
        if self.face_detector is not None:
            return super().detect_all(images, keys)
        if not images:
            return []
        if len({image.shape for image in images}) > 1:
            return [self.detect_all([image])[0] for image in images]
        batch = torch.from_numpy(
            np.stack([image[..., ::-1] for image in images]).transpose(
                0, 3, 1, 2).copy()).to(self.device)
        landmarks, _, boxes = self._model.get_landmarks_from_batch(
            batch, return_bboxes=True)
        results = []
        for points, detections in zip(landmarks or [[]] * len(images), boxes
                                      or [[]] * len(images)):
            points = np.asarray(points, dtype=np.float32).reshape(-1, 68, 2)
            faces = [
                Face(
                    np.asarray(det[:4], dtype=np.float32),
                    float(det[4]) if len(det) > 4 else 1.0,
                    # FAN's points are pixel indices
                    face_points + 0.5)
                for det, face_points in zip(detections, points)
            ]
            results.append(faces)
        return results
