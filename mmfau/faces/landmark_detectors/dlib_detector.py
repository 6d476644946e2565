"""dlib's 68-point shape predictor (offline)."""
from typing import List, Optional

import cv2
import numpy as np

from mmfau.registry import LANDMARK_DETECTORS

from ..face_detectors.base import keypoints_of
from .base import BaseLandmarkDetector, Face
from .hog_box import hog_search_box

__all__ = ['DlibLandmarkDetector']


@LANDMARK_DETECTORS.register_module()
class DlibLandmarkDetector(BaseLandmarkDetector):
    """dlib's 68-point shape predictor, whose weights install from the
    package registry (``pip install -e .[dlib]``: ``dlib-bin`` and
    ``face-recognition-models``), so it works with no network. Any face
    detector can feed it; dlib's HOG detector by default. The predictor
    was trained on HOG boxes, so a face of another detector gets the HOG
    box before the points are placed (the face keeps its detector's box):
    placed from the detector's keypoints where it gives them and
    :data:`~.hog_box.HOG_BOX_FROM_KEYPOINTS` knows its convention
    (RetinaFace: right on turned faces too; not on a face in profile,
    :func:`~.hog_box.in_profile`), else mapped from its box
    where :data:`~.hog_box.HOG_BOX_FROM` knows the convention, else the
    box as it is.

    Args:
        keep (str): ``'largest'`` or ``'all'`` faces per image.
        face_detector (dict): Config of the face detector.
        predictor_path (str, optional): A 68-point shape predictor file;
            defaults to the one of ``face-recognition-models``.
    """

    def __init__(self,
                 keep: str = 'largest',
                 face_detector: dict = dict(type='DlibFaceDetector'),
                 predictor_path: Optional[str] = None) -> None:
        super().__init__(keep, face_detector)
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
        self._predictor = dlib.shape_predictor(predictor_path)

    def search_box(self, row: np.ndarray) -> np.ndarray:
        """The HOG box the predictor gets for a face detector's row.

        Args:
            row (np.ndarray): (x1, y1, x2, y2), optionally followed by a
                score and the keypoints (a face detector's row).

        Returns:
            np.ndarray: (x1, y1, x2, y2), as :func:`~.hog_box.hog_search_box`.
        """
        return hog_search_box(
            row, getattr(self.face_detector, 'box_convention', None))

    def _shape(self, rgb: np.ndarray, row: np.ndarray) -> Face:
        import dlib
        x1, y1, x2, y2 = (int(round(v)) for v in self.search_box(row))
        rect = dlib.rectangle(x1, y1, x2 - 1, y2 - 1)
        shape = self._predictor(rgb, rect)
        # dlib gives pixel indices; ours are continuous coordinates
        landmarks = np.array([[p.x, p.y] for p in shape.parts()],
                             dtype=np.float32) + 0.5
        return Face(np.asarray(row[:4], dtype=np.float32),
                    float(row[4]) if len(row) > 4 else 1.0, landmarks,
                    keypoints_of(row))

    def refine(self, images, keys, boxes) -> List[List[Face]]:
        results = []
        for image, image_boxes in zip(images, boxes):
            # OpenCV's conversion: a fraction of a strided copy's time
            rgb = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
            results.append([self._shape(rgb, np.asarray(row))
                            for row in image_boxes])
        return results
