"""Geometric transforms that keep landmarks and region boxes with the image.

Coordinates are continuous pixels: the centre of pixel ``i`` is ``i + 0.5``,
so a horizontal flip maps ``x`` to ``width - x``.
"""
from typing import Optional, Sequence, Tuple, Union

import cv2
import numpy as np
from mmcv.transforms import BaseTransform

from mmfau.faces.landmark_scheme import FLIP_INDICES
from mmfau.facs import REGION_MIRROR
from mmfau.registry import TRANSFORMS


def _pair(size: Union[int, Sequence[int]]) -> Tuple[int, int]:
    """(width, height) from an int or a (width, height) pair."""
    if isinstance(size, int):
        return size, size
    width, height = size
    return int(width), int(height)


def _shift_and_crop(results: dict, x0: int, y0: int, width: int,
                    height: int) -> dict:
    img = results['img']
    if x0 < 0 or y0 < 0 or x0 + width > img.shape[1] or \
            y0 + height > img.shape[0]:
        raise ValueError(
            f'{results.get("img_path", "image")}: a {width}x{height} crop '
            f'does not fit in an image of shape {img.shape[:2]}.')
    results['img'] = img[y0:y0 + height, x0:x0 + width]
    offset = np.array([x0, y0], dtype=np.float32)
    if 'landmarks' in results:
        results['landmarks'] = results['landmarks'] - offset
    if 'region_boxes' in results:
        boxes = results['region_boxes'] - np.tile(offset, 2)
        boxes[:, 0::2] = boxes[:, 0::2].clip(0, width)
        boxes[:, 1::2] = boxes[:, 1::2].clip(0, height)
        results['region_boxes'] = boxes
    results['img_shape'] = (height, width)
    return results


@TRANSFORMS.register_module()
class FaceResize(BaseTransform):
    """Resize the face image and scale its landmarks and region boxes.

    Required keys: ``img``. Modified keys: ``img``, ``img_shape``,
    ``landmarks`` and ``region_boxes`` when present.

    Args:
        scale (int | tuple[int, int]): Output size, an int for a square or
            (width, height).
        interpolation (str): 'bilinear', 'nearest', 'bicubic' or 'area'.
    """

    _INTERPOLATIONS = dict(
        nearest=cv2.INTER_NEAREST,
        bilinear=cv2.INTER_LINEAR,
        bicubic=cv2.INTER_CUBIC,
        area=cv2.INTER_AREA)

    def __init__(self,
                 scale: Union[int, Sequence[int]],
                 interpolation: str = 'bilinear') -> None:
        self.scale = _pair(scale)
        if interpolation not in self._INTERPOLATIONS:
            raise ValueError(f'Unknown interpolation {interpolation!r}; '
                             f'use one of {list(self._INTERPOLATIONS)}.')
        self.interpolation = interpolation

    def transform(self, results: dict) -> dict:
        img = results['img']
        height, width = img.shape[:2]
        new_w, new_h = self.scale
        if (new_w, new_h) != (width, height):
            results['img'] = cv2.resize(
                img, (new_w, new_h),
                interpolation=self._INTERPOLATIONS[self.interpolation])
        factor = np.array([new_w / width, new_h / height], dtype=np.float32)
        if 'landmarks' in results:
            results['landmarks'] = results['landmarks'] * factor
        if 'region_boxes' in results:
            results['region_boxes'] = results['region_boxes'] * np.tile(
                factor, 2)
        results['img_shape'] = (new_h, new_w)
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(scale={self.scale}, '
                f'interpolation={self.interpolation!r})')


class _FaceCrop(BaseTransform):
    """A fixed-size crop; subclasses choose where it starts.

    Args:
        crop_size (int | tuple[int, int]): (width, height) of the crop.
    """

    def __init__(self, crop_size: Union[int, Sequence[int]]) -> None:
        self.crop_size = _pair(crop_size)

    def _origin(self, height: int, width: int) -> Tuple[int, int]:
        raise NotImplementedError

    def transform(self, results: dict) -> dict:
        height, width = results['img'].shape[:2]
        x0, y0 = self._origin(height, width)
        return _shift_and_crop(results, x0, y0, *self.crop_size)

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(crop_size={self.crop_size})'


@TRANSFORMS.register_module()
class FaceRandomCrop(_FaceCrop):
    """Crop a random window of fixed size (training augmentation).

    Args:
        crop_size (int | tuple[int, int]): (width, height) of the crop.
    """

    def _origin(self, height: int, width: int) -> Tuple[int, int]:
        crop_w, crop_h = self.crop_size
        x0 = np.random.randint(0, width - crop_w + 1) if width > crop_w else 0
        y0 = np.random.randint(0, height - crop_h + 1) if height > crop_h \
            else 0
        return x0, y0


@TRANSFORMS.register_module()
class FaceCenterCrop(_FaceCrop):
    """Crop the central window of fixed size (testing).

    Args:
        crop_size (int | tuple[int, int]): (width, height) of the crop.
    """

    def _origin(self, height: int, width: int) -> Tuple[int, int]:
        crop_w, crop_h = self.crop_size
        return (width - crop_w) // 2, (height - crop_h) // 2


@TRANSFORMS.register_module()
class FaceRandomFlip(BaseTransform):
    """Mirror the face horizontally with probability ``prob``.

    Landmarks are mirrored and re-indexed with the 68-point permutation, so
    that index 36 stays the subject's right outer eye corner. Region boxes, if
    already computed, are mirrored and swapped (2<->3, 5<->6).

    Args:
        prob (float): Probability of flipping.
        region_mirror (Sequence[int], optional): 1-based region each region
            becomes. Defaults to :data:`mmfau.facs.REGION_MIRROR`.
    """

    def __init__(self,
                 prob: float = 0.5,
                 region_mirror: Optional[Sequence[int]] = None) -> None:
        if not 0 <= prob <= 1:
            raise ValueError(f'prob must be in [0, 1], got {prob}.')
        self.prob = prob
        mirror = REGION_MIRROR if region_mirror is None else region_mirror
        self.region_order = [r - 1 for r in mirror]

    def flip(self, results: dict) -> dict:
        """Mirror ``results`` unconditionally."""
        width = results['img'].shape[1]
        results['img'] = np.ascontiguousarray(results['img'][:, ::-1])
        if 'landmarks' in results:
            landmarks = results['landmarks'][FLIP_INDICES].copy()
            landmarks[:, 0] = width - landmarks[:, 0]
            results['landmarks'] = landmarks
        if 'region_boxes' in results:
            boxes = results['region_boxes'][self.region_order].copy()
            boxes[:, [0, 2]] = width - boxes[:, [2, 0]]
            results['region_boxes'] = boxes
        results['flip'] = not results.get('flip', False)
        return results

    def transform(self, results: dict) -> dict:
        if np.random.rand() < self.prob:
            return self.flip(results)
        results.setdefault('flip', False)
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(prob={self.prob})'
