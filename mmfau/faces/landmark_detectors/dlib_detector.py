"""dlib's 68-point shape predictor (offline)."""
from typing import List, Optional

import cv2
import numpy as np

from mmfau.registry import LANDMARK_DETECTORS

from .base import BaseLandmarkDetector, Face

#: Where dlib's HOG detector, on whose boxes the 68-point predictor was
#: trained, puts its box relative to another detector's box of the same
#: face: centre shift (x by the box width, y by its height) and size
#: (width and height ratios). Medians over the 82 faces of the real test
#: kit that both detectors find (tools/analysis_tools/fit_box_mapping.py);
#: S3FD's could not be measured here (its weights need the network).
HOG_BOX_FROM = {
    'retinaface': (-0.008, 0.063, 1.057, 0.753),
}


def to_hog_box(box: np.ndarray, mapping: tuple) -> np.ndarray:
    """A box of another detector in dlib's HOG convention.

    Args:
        box (np.ndarray): (x1, y1, x2, y2).
        mapping (tuple): (dx, dy, width ratio, height ratio), as
            :data:`HOG_BOX_FROM`.

    Returns:
        np.ndarray: (x1, y1, x2, y2), float32.
    """
    dx, dy, sw, sh = mapping
    width, height = box[2] - box[0], box[3] - box[1]
    cx = (box[0] + box[2]) / 2 + dx * width
    cy = (box[1] + box[3]) / 2 + dy * height
    half = np.array([sw * width, sh * height]) / 2
    return np.concatenate([[cx, cy] - half, [cx, cy] + half]).astype(
        np.float32)


@LANDMARK_DETECTORS.register_module()
class DlibLandmarkDetector(BaseLandmarkDetector):
    """dlib's 68-point shape predictor, whose weights install from the
    package registry (``pip install -e .[dlib]``: ``dlib-bin`` and
    ``face-recognition-models``), so it works with no network. Any face
    detector can feed it; dlib's HOG detector by default. The predictor
    was trained on HOG boxes, so a box of a detector whose convention
    :data:`HOG_BOX_FROM` knows is mapped to a HOG box before the points
    are placed (the face keeps its detector's box).

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

    def _shape(self, rgb: np.ndarray, box: np.ndarray, score: float) -> Face:
        import dlib
        convention = getattr(self.face_detector, 'box_convention', None)
        search = to_hog_box(box, HOG_BOX_FROM[convention]) \
            if convention in HOG_BOX_FROM else box
        x1, y1, x2, y2 = (int(round(v)) for v in search)
        rect = dlib.rectangle(x1, y1, x2 - 1, y2 - 1)
        shape = self._predictor(rgb, rect)
        # dlib gives pixel indices; ours are continuous coordinates
        landmarks = np.array([[p.x, p.y] for p in shape.parts()],
                             dtype=np.float32) + 0.5
        return Face(np.asarray(box, dtype=np.float32), score, landmarks)

    def refine(self, images, keys, boxes) -> List[List[Face]]:
        results = []
        for image, image_boxes in zip(images, boxes):
            # OpenCV's conversion: a fraction of a strided copy's time
            rgb = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
            results.append([
                self._shape(rgb, box[:4], float(box[4]) if len(box) > 4
                            else 1.0) for box in image_boxes
            ])
        return results
