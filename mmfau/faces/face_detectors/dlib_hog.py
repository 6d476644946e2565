"""dlib's HOG frontal face detector (offline)."""
from typing import List, Optional, Sequence

import numpy as np

from mmfau.registry import FACE_DETECTORS

from .base import BaseFaceDetector, as_boxes


@FACE_DETECTORS.register_module()
class DlibFaceDetector(BaseFaceDetector):
    """dlib's HOG + linear SVM detector: no weights to download, fast, but
    trained on frontal faces, so it misses turned, occluded and small ones.

    Args:
        upsample (int): Times the image is upsampled (finds smaller faces,
            slower).
        min_score (float): Boxes scoring below this are dropped.
    """

    box_convention = 'dlib_hog'

    def __init__(self, upsample: int = 1, min_score: float = 0.0) -> None:
        super().__init__(min_score)
        try:
            import dlib
        except ImportError as err:
            raise ImportError(
                'The dlib face detector needs dlib: pip install -e .[dlib] '
                '(dlib-bin).') from err
        self.upsample = upsample
        self._detector = dlib.get_frontal_face_detector()

    def detect_boxes(self,
                     images: Sequence[np.ndarray],
                     keys: Optional[Sequence[str]] = None
                     ) -> List[np.ndarray]:
        results = []
        for image in images:
            rgb = np.ascontiguousarray(image[..., ::-1])
            rects, scores, _ = self._detector.run(rgb, self.upsample, 0.0)
            # dlib's rectangles include their last pixel
            results.append(as_boxes([[r.left(), r.top(), r.right() + 1,
                                      r.bottom() + 1, s]
                                     for r, s in zip(rects, scores)]))
        return results
