"""face-alignment's FAN (2D, 68 points) with its own face detector."""
from typing import List, Optional, Sequence

import numpy as np
import torch

from mmfau.registry import LANDMARK_DETECTORS

from .base import BaseLandmarkDetector, Face


@LANDMARK_DETECTORS.register_module()
class FANLandmarkDetector(BaseLandmarkDetector):
    """FAN landmarks (Bulat and Tzimiropoulos) via ``face-alignment``.

    Its weights (S3FD detector and FAN) download on first use, so it needs the
    network once; use :class:`DlibLandmarkDetector` where there is none.
    Images of one size are detected as one batch on the GPU when present.

    Args:
        keep (str): ``'largest'`` or ``'all'`` faces per image.
        device (str, optional): 'cuda', 'cpu', ...; defaults to CUDA when
            available.
        face_detector (str): face-alignment's detector: 'sfd', 'blazeface'
            or 'dlib'.
    """

    def __init__(self,
                 keep: str = 'largest',
                 device: Optional[str] = None,
                 face_detector: str = 'sfd') -> None:
        super().__init__(keep)
        import face_alignment
        self.device = device or ('cuda'
                                 if torch.cuda.is_available() else 'cpu')
        self._model = face_alignment.FaceAlignment(
            face_alignment.LandmarksType.TWO_D,
            device=self.device,
            face_detector=face_detector)

    def refine(self, images, keys, boxes) -> List[List[Face]]:
        results = []
        for image, image_boxes in zip(images, boxes):
            if not len(image_boxes):
                results.append([])
                continue
            detections = [np.append(box, 1.0) for box in image_boxes]
            points = self._model.get_landmarks_from_image(
                np.ascontiguousarray(image[..., ::-1]),
                detected_faces=detections) or []
            results.append([
                Face(np.asarray(box, dtype=np.float32), 1.0,
                     np.asarray(p, dtype=np.float32) + 0.5)
                for box, p in zip(image_boxes, points)
            ])
        return results

    def detect_all(self,
                   images: Sequence[np.ndarray],
                   keys: Optional[Sequence[str]] = None) -> List[List[Face]]:
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
