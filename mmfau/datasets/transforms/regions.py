"""The transform that turns 68 landmarks into the judgment-region boxes."""
from typing import Dict, Optional

import numpy as np
from mmcv.transforms import BaseTransform

from mmfau.facs.regions import REGION_BOXES, landmarks_to_boxes
from mmfau.registry import TRANSFORMS


@TRANSFORMS.register_module()
class LandmarksToRegions(BaseTransform):
    """Compute the judgment-region boxes from the face's 68 landmarks.

    Required keys: ``img``, ``landmarks`` (68, 2). Added keys:
    ``region_boxes`` (R, 4), (x1, y1, x2, y2) clipped to the image.

    Args:
        region_boxes (dict, optional): Region table: region number ->
            (landmark indices, (left, top, right, bottom) padding in
            inter-ocular distances). Defaults to
            :data:`mmfau.facs.regions.REGION_BOXES`.
    """

    def __init__(self, region_boxes: Optional[Dict] = None) -> None:
        self.region_boxes = REGION_BOXES if region_boxes is None else {
            int(k): (tuple(v[0]), tuple(v[1]))
            for k, v in region_boxes.items()
        }

    def transform(self, results: dict) -> dict:
        try:
            boxes = landmarks_to_boxes(results['landmarks'],
                                       results['img'].shape,
                                       self.region_boxes)
        except ValueError as err:
            raise ValueError(f'{results.get("img_path", "face")}: {err}')
        empty = (boxes[:, 2] <= boxes[:, 0]) | (boxes[:, 3] <= boxes[:, 1])
        if empty.any():
            raise ValueError(
                f'{results.get("img_path", "face")}: judgment region(s) '
                f'{(np.flatnonzero(empty) + 1).tolist()} lie outside the '
                f'{results["img"].shape[1]}x{results["img"].shape[0]} image; '
                'the landmarks do not match the image.')
        results['region_boxes'] = boxes
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(regions={len(self.region_boxes)})'
