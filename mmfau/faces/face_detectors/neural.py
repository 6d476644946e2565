"""face-alignment's neural face detectors: RetinaFace and S3FD."""
import math
from typing import List, Optional, Sequence

import cv2
import numpy as np
import torch

from mmfau.registry import FACE_DETECTORS

from .base import NUM_COLUMNS, BaseFaceDetector, as_boxes
from .scales import merge_scales

#: The columns of a detection row that hold x, and those that hold y.
_X_COLUMNS = np.r_[0, 2, 5:NUM_COLUMNS:2]
_Y_COLUMNS = np.r_[1, 3, 6:NUM_COLUMNS:2]


class _FaceAlignmentDetector(BaseFaceDetector):
    """A detector of the ``face_alignment.detection`` package.

    Both detectors find faces from about ``SMALLEST_FACE`` to
    ``LARGEST_FACE`` pixels wide (their anchors span 16 to 512 pixels), at
    a cost that grows with the image's area. Faces too small to carry AUs
    need not be looked for: the image is shrunk until a face of
    ``min_face_size`` pixels is ``SMALLEST_FACE`` wide, and the boxes are
    mapped back. A face wider than ``LARGEST_FACE`` is seen in parts (one
    box on its eyes, another on its mouth), and an image searched at more
    pixels than it has detail (an enlarged photograph) shows textures that
    look like faces at that scale only: a picture frame, poker chips. So
    while a scale gives boxes that the next, half as large, would surely
    find (``CHECKED_FACE`` wide there), the image is searched again at
    that scale, and the scales are merged (:func:`~.scales.merge_scales`):
    one box per face, from the scale that sees it whole, and no box that a
    scale able to see it did not find.

    Args:
        path (str, optional): Weights file; by default face-alignment
            downloads them once (needs the network).
        device (str, optional): 'cpu', 'cuda', ...; CUDA when available.
        min_score (float): Boxes scoring below this are dropped.
        min_face_size (int): Width in pixels of the smallest face to find
            (0: search the image at full resolution, down to
            ``SMALLEST_FACE``).
    """

    #: Width in pixels, at the network's input, of the smallest face found
    #: reliably. Measured for RetinaFace on the real test photographs
    #: shrunk step by step: every face of 22 pixels or more was found, and
    #: faces under 20 pixels started to be missed.
    SMALLEST_FACE = 24
    #: Width in pixels, at the network's input, of the widest face found
    #: whole. Measured for RetinaFace on the real test photographs
    #: enlarged step by step: faces up to about 500 pixels gave one box,
    #: a 700-pixel face six boxes on its parts; 400 leaves a margin.
    LARGEST_FACE = 400
    #: Width in pixels, at the network's input, from which a face is surely
    #: found: at half their size, RetinaFace found every face of the real
    #: test photographs again, scoring 0.95 or more down to 21 pixels.
    CHECKED_FACE = 2 * SMALLEST_FACE

    def __init__(self,
                 path: Optional[str] = None,
                 device: Optional[str] = None,
                 min_score: float = 0.5,
                 min_face_size: int = 48) -> None:
        super().__init__(min_score)
        if min_face_size < 0:
            raise ValueError(
                f'min_face_size must be >= 0, got {min_face_size}.')
        self.min_face_size = min_face_size
        self.device = device or ('cuda'
                                 if torch.cuda.is_available() else 'cpu')
        if path is not None:
            _check_file(path)
        self._detector = self._build(path)

    def _build(self, path: Optional[str]):
        raise NotImplementedError

    def _detect(self, image: np.ndarray) -> list:
        """Rows (x1, y1, x2, y2, score, keypoints...) of one BGR image
        (:func:`~.base.as_boxes` fills what a detector does not give)."""
        return self._detector.detect_from_image(np.ascontiguousarray(image))

    def detect_boxes(self,
                     images: Sequence[np.ndarray],
                     keys: Optional[Sequence[str]] = None
                     ) -> List[np.ndarray]:
        return [self._search(image) for image in images]

    def _search(self, image: np.ndarray) -> np.ndarray:
        """The faces of one image, from its scale for ``min_face_size``
        and the coarser scales that confirm them."""
        scale = min(1.0, self.SMALLEST_FACE / self.min_face_size) \
            if self.min_face_size else 1.0
        levels = []
        while True:
            rows = self._detect_at(image, scale)
            levels.append((rows, scale))
            coarser = scale / 2
            if not ((rows[:, 2] - rows[:, 0]) * coarser >=
                    self.CHECKED_FACE).any():
                break
            scale = coarser
        return merge_scales(levels, self.LARGEST_FACE, self.CHECKED_FACE)

    def _detect_at(self, image: np.ndarray, scale: float) -> np.ndarray:
        """Detection rows of an image resized by ``scale``, in the image's
        pixels."""
        height, width = image.shape[:2]
        size = (max(round(width * scale), 1), max(round(height * scale), 1))
        if size != (width, height):
            image = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
        rows = as_boxes(self._detect(image))
        rows[:, _X_COLUMNS] *= width / size[0]
        rows[:, _Y_COLUMNS] *= height / size[1]
        return rows


@FACE_DETECTORS.register_module()
class RetinaFaceDetector(_FaceAlignmentDetector):
    """RetinaFace with a MobileNet-0.25 backbone (Deng et al., 2020), as
    face-alignment ships it: finds turned, small and partly hidden faces
    that dlib's HOG misses. Arguments as :class:`_FaceAlignmentDetector`;
    ``min_score`` defaults to 0.9: on the real test photographs, lower
    scores added boxes on clothing, bodies and dogs, and no face.

    face-alignment's network, box decoding and suppression are used as
    they are; the network runs channels last, and the anchors come from
    :func:`retinaface_anchors` (face-alignment's Python loop over them took
    116 ms for a 2560x1912 photograph, as long as the network). Each box
    comes with its five keypoints (the network's third output, which
    face-alignment leaves out, decoded by :func:`decode_keypoints`).
    """

    box_convention = 'retinaface'
    #: Mean BGR pixel the network was trained with.
    _MEAN = (104.0, 117.0, 123.0)

    def __init__(self,
                 path: Optional[str] = None,
                 device: Optional[str] = None,
                 min_score: float = 0.9,
                 min_face_size: int = 48) -> None:
        super().__init__(path, device, min_score, min_face_size)

    def _build(self, path: Optional[str]):
        from face_alignment.detection.retinaface.retinaface_detector import (
            RetinaFaceDetector as Detector,
        )

        # face-alignment's own threshold at our minimum; we filter again
        detector = Detector(self.device, path_to_detector=path,
                            confidence_threshold=min(self.min_score, 0.5))
        # the image's pixels come channels last: a quarter faster on a CPU
        detector.face_detector.to(memory_format=torch.channels_last)
        return detector

    def _detect(self, image: np.ndarray) -> list:
        from face_alignment.detection.retinaface.box_utils import (
            decode,
            py_cpu_nms,
        )
        height, width = image.shape[:2]
        pixels = torch.from_numpy(image).to(self.device, torch.float32)
        pixels = pixels - pixels.new_tensor(self._MEAN)
        with torch.no_grad():  # (1, 3, H, W), channels last in memory
            loc, conf, landms = self._detector.face_detector(
                pixels.permute(2, 0, 1)[None])
        scores = conf[0, :, 1]
        kept = scores > self._detector.confidence_threshold
        anchors = retinaface_anchors(self._detector.cfg, height,
                                     width).to(self.device)[kept]
        boxes = decode(loc[0, kept], anchors, self._detector.variance)
        points = decode_keypoints(landms[0, kept], anchors,
                                  self._detector.variance)
        extent = boxes.new_tensor([width, height])
        rows = torch.cat([(boxes.view(-1, 2, 2) * extent).flatten(1),
                          scores[kept, None],
                          (points * extent).flatten(1)], 1).cpu().numpy()
        if not len(rows):
            return []
        return rows[py_cpu_nms(rows, self._detector.nms_threshold)]


@FACE_DETECTORS.register_module()
class S3FDFaceDetector(_FaceAlignmentDetector):
    """S3FD (Zhang et al., 2017), FAN's default detector in face-alignment.
    Arguments as :class:`_FaceAlignmentDetector`."""

    box_convention = 's3fd'

    def _build(self, path: Optional[str]):
        from face_alignment.detection.sfd.sfd_detector import SFDDetector
        return SFDDetector(self.device, path_to_detector=path,
                           filter_threshold=min(self.min_score, 0.5))

    def _detect(self, image: np.ndarray) -> list:
        # face-alignment's S3FD takes RGB and turns it to BGR itself
        return self._detector.detect_from_image(
            np.ascontiguousarray(image[..., ::-1]))


def decode_keypoints(offsets: torch.Tensor, anchors: torch.Tensor,
                     variances: Sequence[float]) -> torch.Tensor:
    """RetinaFace's five keypoints from its third output, as
    Pytorch_Retinaface's ``decode_landm`` decodes them (face-alignment
    1.5 leaves them out): each point is its anchor's centre, offset in
    units of the anchor's size.

    Args:
        offsets (torch.Tensor): (N, 10) network output, (x, y) per point.
        anchors (torch.Tensor): (N, 4) anchors (cx, cy, w, h), relative to
            the image (:func:`retinaface_anchors`).
        variances (Sequence[float]): The network's variances; the first
            scales the centre offsets.

    Returns:
        torch.Tensor: (N, 5, 2) keypoints relative to the image (multiply
        by its width and height), in :data:`~.base.KEYPOINTS` order.
    """
    return anchors[:, None, :2] + offsets.view(-1, 5, 2) * variances[0] * \
        anchors[:, None, 2:]


def retinaface_anchors(cfg: dict, height: int, width: int) -> torch.Tensor:
    """RetinaFace's prior boxes for an image size, as face-alignment's
    ``PriorBox`` lays them out, without its loop over every cell.

    Args:
        cfg (dict): The network's config (``min_sizes`` per level and the
            level's ``steps``).
        height (int): Image height.
        width (int): Image width.

    Returns:
        torch.Tensor: (N, 4) float32 rows (cx, cy, w, h) relative to the
        image, level by level, row-major over cells, then by anchor size.
    """
    levels = []
    for step, sizes in zip(cfg['steps'], cfg['min_sizes']):
        rows, cols = math.ceil(height / step), math.ceil(width / step)
        cy, cx = np.meshgrid((np.arange(rows) + 0.5) * step / height,
                             (np.arange(cols) + 0.5) * step / width,
                             indexing='ij')
        cells = np.broadcast_to(
            np.stack([cx, cy], -1)[:, :, None], (rows, cols, len(sizes), 2))
        extents = np.broadcast_to(
            [[size / width, size / height] for size in sizes],
            (rows, cols, len(sizes), 2))
        levels.append(np.concatenate([cells, extents], -1).reshape(-1, 4))
    return torch.from_numpy(np.concatenate(levels).astype(np.float32))


def _check_file(path: str) -> None:
    import os.path as osp
    if not osp.isfile(path):
        raise FileNotFoundError(f'{path}: face detector weights do not '
                                'exist.')
