"""The 8 judgment regions as boxes derived from 68 landmarks.

Each region is the bounding box of some landmarks, widened on each side by a
fraction of the inter-ocular distance (IOD) and clipped to the image. The table
is symmetric: mirroring a face and its landmarks turns region 2 into region 3
and region 5 into region 6, as :data:`mmfau.facs.rules.REGION_MIRROR` says.
"""
from typing import Dict, Sequence, Tuple

import numpy as np

from mmfau.faces.landmark_scheme import interocular_distance

#: Region (1-based) -> (landmark indices, padding (left, top, right, bottom)
#: in units of the inter-ocular distance).
REGION_BOXES: Dict[int, Tuple[Tuple[int, ...], Tuple[float, float, float,
                                                      float]]] = {
    # forehead: above both brows, brow ends to brow ends
    1: (tuple(range(17, 27)), (0.0, 0.6, 0.0, -0.05)),
    # right eye with its brow and the crow's-feet area beside the outer corner
    2: (tuple(range(17, 22)) + tuple(range(36, 42)), (0.25, 0.08, 0.05,
                                                        0.15)),
    3: (tuple(range(22, 27)) + tuple(range(42, 48)), (0.05, 0.08, 0.25,
                                                        0.15)),
    # glabella and nose bridge, between the inner brow ends and eye corners
    4: ((21, 22, 27, 28, 29, 39, 42), (0.05, 0.1, 0.05, 0.0)),
    # cheeks: infraorbital triangle down to the nasolabial furrow and the
    # lip-corner level
    5: ((2, 31, 40, 41, 48), (0.0, 0.05, 0.05, 0.05)),
    6: ((14, 35, 46, 47, 54), (0.05, 0.05, 0.0, 0.05)),
    # mouth with lip corners and the upper lip up to the nose base
    7: (tuple(range(31, 36)) + tuple(range(48, 60)), (0.15, 0.0, 0.15,
                                                       0.08)),
    # chin below the lower lip
    8: ((6, 7, 8, 9, 10, 57), (0.05, 0.0, 0.05, 0.05)),
}


def landmarks_to_boxes(landmarks: np.ndarray,
                       img_shape: Sequence[int],
                       region_boxes: Dict = REGION_BOXES) -> np.ndarray:
    """Compute the judgment-region boxes of one face.

    Args:
        landmarks (np.ndarray): Shape (68, 2), (x, y) in pixels, continuous
            coordinates (the centre of pixel ``i`` is ``i + 0.5``).
        img_shape (Sequence[int]): (height, width) of the image to clip to.
        region_boxes (dict): The region table. Defaults to
            :data:`REGION_BOXES`.

    Returns:
        np.ndarray: Shape (num regions, 4), (x1, y1, x2, y2), float32, in the
        order of the region numbers.
    """
    iod = float(interocular_distance(landmarks))
    if iod <= 0:
        raise ValueError('The two eye centres coincide: the landmarks do not '
                         'describe a face.')
    height, width = img_shape[:2]
    boxes = []
    for region in sorted(region_boxes):
        indices, (left, top, right, bottom) = region_boxes[region]
        points = landmarks[list(indices)]
        x1, y1 = points.min(axis=0)
        x2, y2 = points.max(axis=0)
        boxes.append([x1 - left * iod, y1 - top * iod, x2 + right * iod,
                      y2 + bottom * iod])
    boxes = np.asarray(boxes, dtype=np.float32)
    boxes[:, 0::2] = boxes[:, 0::2].clip(0, width)
    boxes[:, 1::2] = boxes[:, 1::2].clip(0, height)
    return boxes
