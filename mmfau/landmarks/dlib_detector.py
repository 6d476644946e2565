"""dlib's HOG face detector and 68-point shape predictor (offline)."""
from typing import List, Optional, Sequence

import numpy as np

from mmfau.registry import LANDMARK_DETECTORS

from .base import BaseLandmarkDetector, Face


@LANDMARK_DETECTORS.register_module()
class DlibLandmarkDetector(BaseLandmarkDetector):
    """dlib's detector and 68-point predictor, whose weights install from the
    package registry (``pip install -e .[dlib]``: ``dlib-bin`` and
    ``face-recognition-models``), so it works with no network.

    Args:
        keep (str): ``'largest'`` or ``'all'`` faces per image.
        upsample (int): Times the detector upsamples the image (finds
            smaller faces, slower).
        predictor_path (str, optional): A 68-point shape predictor file;
            defaults to the one of ``face-recognition-models``.
    """

    def __init__(self,
                 keep: str = 'largest',
                 upsample: int = 1,
                 predictor_path: Optional[str] = None) -> None:
        super().__init__(keep)
        try:
            import dlib
        except ImportError as err:
            raise ImportError(
                'The dlib landmark backend needs dlib: pip install -e .[dlib] '
                '(dlib-bin and face-recognition-models).') from err
        if predictor_path is None:
            try:
                import face_recognition_models
            except ImportError as err:
                raise ImportError(
                    'The dlib backend needs face-recognition-models for its '
                    'weights: pip install -e .[dlib]') from err
            predictor_path = face_recognition_models.\
                pose_predictor_model_location()
        self.upsample = upsample
        self._detector = dlib.get_frontal_face_detector()
        self._predictor = dlib.shape_predictor(predictor_path)

    def _shape(self, rgb: np.ndarray, box: np.ndarray, score: float) -> Face:
        import dlib
        x1, y1, x2, y2 = (int(round(v)) for v in box)
        rect = dlib.rectangle(x1, y1, x2 - 1, y2 - 1)
        shape = self._predictor(rgb, rect)
        # dlib gives pixel indices; ours are continuous coordinates
        landmarks = np.array([[p.x, p.y] for p in shape.parts()],
                             dtype=np.float32) + 0.5
        return Face(np.asarray(box, dtype=np.float32), score, landmarks)

    def refine(self, images, keys, boxes) -> List[List[Face]]:
        results = []
        for image, image_boxes in zip(images, boxes):
            rgb = np.ascontiguousarray(image[..., ::-1])
            results.append(
                [self._shape(rgb, box, 1.0) for box in image_boxes])
        return results

    def detect_all(self,
                   images: Sequence[np.ndarray],
                   keys: Optional[Sequence[str]] = None) -> List[List[Face]]:
        results = []
        for image in images:
            rgb = np.ascontiguousarray(image[..., ::-1])
            rects, scores, _ = self._detector.run(rgb, self.upsample, 0.0)
            results.append([
                self._shape(
                    rgb,
                    np.array([
                        rect.left(),
                        rect.top(),
                        rect.right() + 1,
                        rect.bottom() + 1
                    ]), float(score)) for rect, score in zip(rects, scores)
            ])
        return results
