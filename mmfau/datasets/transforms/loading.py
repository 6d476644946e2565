"""Loading face images with errors that name the file."""
import os.path as osp
from typing import List, Optional

import cv2
import numpy as np
from mmcv.transforms import BaseTransform
from mmengine.logging import print_log

from mmfau.registry import TRANSFORMS


@TRANSFORMS.register_module()
class LoadFaceImage(BaseTransform):
    """Read ``img_path`` as a BGR image.

    A missing file raises ``FileNotFoundError`` and an unreadable one
    ``ValueError``, each naming the file. With ``skip_bad=True`` (training
    only: MMEngine then draws another sample) the bad file is logged as a
    warning with a running count instead, and listed in :attr:`skipped` of
    the process that met it; nothing is skipped silently.

    Required keys: ``img_path``. Added keys: ``img``, ``img_shape``,
    ``ori_shape``.

    Args:
        skip_bad (bool): Skip bad images instead of stopping.
    """

    def __init__(self, skip_bad: bool = False) -> None:
        self.skip_bad = skip_bad
        self.skipped: List[str] = []

    def transform(self, results: dict) -> Optional[dict]:
        path = results['img_path']
        image = None
        if not osp.isfile(path):
            problem: Exception = FileNotFoundError(
                f'{path}: image file does not exist.')
        else:
            data = np.fromfile(path, dtype=np.uint8)
            image = cv2.imdecode(data, cv2.IMREAD_COLOR) if data.size else \
                None
            problem = ValueError(f'{path}: not a readable image (corrupt, '
                                 'empty or not an image).')
        if image is None:
            if not self.skip_bad:
                raise problem
            if path not in self.skipped:
                self.skipped.append(path)
                print_log(
                    f'Skipped bad sample {len(self.skipped)} of this '
                    f'process: {problem}',
                    logger='current',
                    level=30)
            return None
        results['img'] = image
        results['img_shape'] = results['ori_shape'] = image.shape[:2]
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(skip_bad={self.skip_bad})'
