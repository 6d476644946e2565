"""face-alignment's neural face detectors: RetinaFace and S3FD."""
from typing import List, Optional, Sequence

import numpy as np
import torch

from mmfau.registry import FACE_DETECTORS

from .base import BaseFaceDetector, as_boxes


class _FaceAlignmentDetector(BaseFaceDetector):
    """A detector of the ``face_alignment.detection`` package.

    Args:
        path (str, optional): Weights file; by default face-alignment
            downloads them once (needs the network).
        device (str, optional): 'cpu', 'cuda', ...; CUDA when available.
        min_score (float): Boxes scoring below this are dropped.
    """

    def __init__(self,
                 path: Optional[str] = None,
                 device: Optional[str] = None,
                 min_score: float = 0.5) -> None:
        super().__init__(min_score)
        self.device = device or ('cuda'
                                 if torch.cuda.is_available() else 'cpu')
        self._detector = self._build(path)

    def _build(self, path: Optional[str]):
        raise NotImplementedError

    def detect_boxes(self,
                     images: Sequence[np.ndarray],
                     keys: Optional[Sequence[str]] = None
                     ) -> List[np.ndarray]:
        return [
            as_boxes(self._detector.detect_from_image(self._input(image)))
            for image in images
        ]

    @staticmethod
    def _input(image: np.ndarray) -> np.ndarray:
        return np.ascontiguousarray(image)


@FACE_DETECTORS.register_module()
class RetinaFaceDetector(_FaceAlignmentDetector):
    """RetinaFace with a MobileNet-0.25 backbone (Deng et al., 2020), as
    face-alignment ships it: finds turned, small and partly hidden faces
    that dlib's HOG misses. Arguments as :class:`_FaceAlignmentDetector`;
    ``min_score`` defaults to 0.9, which on the real test photographs kept
    every face found at 0.5 but one and dropped the false detections on
    clothing and bodies (dog faces still pass).
    """

    def __init__(self,
                 path: Optional[str] = None,
                 device: Optional[str] = None,
                 min_score: float = 0.9) -> None:
        super().__init__(path, device, min_score)

    def _build(self, path: Optional[str]):
        from face_alignment.detection.retinaface.retinaface_detector import (
            RetinaFaceDetector as Detector,
        )
        if path is not None:
            _check_file(path)
        # face-alignment's own threshold at our minimum; we filter again
        return Detector(self.device, path_to_detector=path,
                        confidence_threshold=min(self.min_score, 0.5))


@FACE_DETECTORS.register_module()
class S3FDFaceDetector(_FaceAlignmentDetector):
    """S3FD (Zhang et al., 2017), FAN's default detector in face-alignment.
    Arguments as :class:`_FaceAlignmentDetector`."""

    def _build(self, path: Optional[str]):
        from face_alignment.detection.sfd.sfd_detector import SFDDetector
        if path is not None:
            _check_file(path)
        return SFDDetector(self.device, path_to_detector=path,
                           filter_threshold=min(self.min_score, 0.5))

    @staticmethod
    def _input(image: np.ndarray) -> np.ndarray:
        # face-alignment's S3FD takes RGB and turns it to BGR itself
        return np.ascontiguousarray(image[..., ::-1])


def _check_file(path: str) -> None:
    import os.path as osp
    if not osp.isfile(path):
        raise FileNotFoundError(f'{path}: face detector weights do not '
                                'exist.')
