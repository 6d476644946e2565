"""Landmarks the user already has, read from a file."""
import os.path as osp
import warnings
from typing import List, Optional, Sequence

import mmengine
import numpy as np

from mmfau.registry import LANDMARK_DETECTORS

from ..landmark_scheme import check_landmarks
from .base import BaseLandmarkDetector, Face, box_of


@LANDMARK_DETECTORS.register_module()
class FileLandmarks(BaseLandmarkDetector):
    """Landmarks looked up by image key in a JSON, YAML or pickle file.

    The file maps each key (the image path as the caller names it, e.g.
    ``F001/T1/0001.jpg``) to one face (a list of 68 ``[x, y]``), a list of
    faces, or ``null`` for an image without a face. Coordinates are
    continuous pixels (pixel ``i`` spans ``[i, i + 1)``). An image missing
    from the file is not looked at (:meth:`looks_at` is False: the
    inferencer gives it the status ``no_landmarks``); the first one gives a
    warning that shows how the file's keys look.

    Args:
        path (str): The landmark file.
        keep (str): ``'largest'`` or ``'all'`` faces per image.
    """

    def __init__(self, path: str, keep: str = 'largest') -> None:
        super().__init__(keep)
        self.path = path
        if not osp.isfile(path):
            raise FileNotFoundError(f'{path}: landmark file does not exist.')
        try:
            table = mmengine.load(path)
        except Exception as err:  # JSON, YAML and pickle errors differ
            message = ' '.join(str(err).split())[:160]
            raise ValueError(f'{path}: not a readable landmark file '
                             f'({type(err).__name__}: {message}).') from err
        self._warned = False
        if not isinstance(table, dict):
            raise ValueError(f'{path}: expected a mapping from image key to '
                             'landmarks.')
        self._faces = {}
        for key, value in table.items():
            if value is None:
                self._faces[key] = []
                continue
            array = np.asarray(value, dtype=np.float32)
            faces = array[None] if array.ndim == 2 else array
            self._faces[key] = [
                check_landmarks(face, f'{path}, entry {key!r}')
                for face in faces
            ]

    def detect_all(self,
                   images: Sequence[np.ndarray],
                   keys: Optional[Sequence[str]] = None) -> List[List[Face]]:
        if keys is None or len(keys) != len(images):
            raise ValueError('FileLandmarks needs one key per image to look '
                             f'up its landmarks in {self.path}.')
        missing = [key for key in keys if key not in self._faces]
        if missing and not self._warned:
            self._warned = True
            known = ', '.join(repr(k) for k in list(self._faces)[:3])
            warnings.warn(f'{self.path}: no landmarks for {missing[0]!r} '
                          f'(status no_landmarks); the file\'s keys look '
                          f'like {known or "nothing: it is empty"}.')
        return [[
            Face(box_of(points), 1.0, points)
            for points in self._faces.get(key, [])
        ] for key in keys]

    def looks_at(self, key: str) -> bool:
        """Whether the file has an entry (faces or null) for ``key``."""
        return key in self._faces
