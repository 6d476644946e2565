"""Datasets of faces with AU occurrence labels in OpenMMLab 2.0 format."""
import os.path as osp
from typing import List, Optional, Sequence

import mmengine
import numpy as np
from mmengine.dataset import BaseDataset

from mmfau.facs import au_name, check_aus
from mmfau.facs.landmarks import check_landmarks
from mmfau.registry import DATASETS
from .transforms import UNKNOWN_LABEL

#: Version of the annotation files this code reads and the converters write.
ANNOTATION_VERSION = 1


@DATASETS.register_module()
class FAUDataset(BaseDataset):
    """Faces with AU labels and 68 landmarks, read from an annotation file.

    The annotation file is OpenMMLab 2.0 JSON (or any format mmengine loads)::

        {"metainfo": {"aus": [1, 2, 4], "format_version": 1},
         "data_list": [{"img_path": "F001/T1/0001.jpg", "subject": "F001",
                        "session": "T1", "frame": 1,
                        "au_labels": [0, 1, -1],      # -1: not coded
                        "landmarks": [[x, y], ...]}]} # 68 points

    Args:
        ann_file (str): Annotation file.
        aus (Sequence[int], optional): AUs to use, a subset of the file's, in
            the order of the model's outputs. Defaults to the file's.
        converter (str, optional): The command that makes ``ann_file``, named
            in the error when the file is missing.
        **kwargs: Other arguments of :class:`mmengine.dataset.BaseDataset`.
    """

    METAINFO: dict = dict()

    def __init__(self,
                 ann_file: str = '',
                 aus: Optional[Sequence[int]] = None,
                 converter: Optional[str] = None,
                 **kwargs) -> None:
        self.selected_aus = None if aus is None else check_aus(
            aus, source=f'the `aus` of {self.__class__.__name__}')
        self.converter = converter
        super().__init__(ann_file=ann_file, **kwargs)

    @property
    def aus(self) -> List[int]:
        """The AUs of this dataset, in the order of the labels."""
        return list(self.metainfo['aus'])

    def _missing_file_message(self) -> str:
        message = f'Annotation file {self.ann_file} does not exist.'
        if self.converter:
            message += f' Make it with: {self.converter}'
        return message

    def load_data_list(self) -> List[dict]:
        if not osp.isfile(self.ann_file):
            raise FileNotFoundError(self._missing_file_message())
        try:
            annotations = mmengine.load(self.ann_file)
        except Exception as err:
            raise ValueError(
                f'{self.ann_file}: cannot be read as an annotation file '
                f'({type(err).__name__}: {err}).') from err
        if not isinstance(annotations, dict) or not {
                'metainfo', 'data_list'
        } <= set(annotations):
            raise ValueError(
                f'{self.ann_file}: not an mmfau annotation file: expected a '
                'dict with "metainfo" and "data_list".')
        file_meta = annotations['metainfo']
        version = file_meta.get('format_version')
        if version != ANNOTATION_VERSION:
            raise ValueError(
                f'{self.ann_file}: annotation format_version {version!r}, '
                f'but this mmfau reads version {ANNOTATION_VERSION}; '
                're-run the converter.')
        file_aus = check_aus(
            file_meta.get('aus', []), source=f'{self.ann_file} metainfo')
        aus = file_aus if self.selected_aus is None else self.selected_aus
        absent = [au for au in aus if au not in file_aus]
        if absent:
            raise ValueError(f'{self.ann_file} has no labels for '
                             f'{[au_name(au) for au in absent]}; it has '
                             f'{[au_name(au) for au in file_aus]}.')
        columns = [file_aus.index(au) for au in aus]
        for key, value in file_meta.items():
            if key != 'aus':
                self._metainfo.setdefault(key, value)
        self._metainfo['aus'] = aus
        self._metainfo['au_names'] = [au_name(au) for au in aus]
        return [
            self._check_entry(raw, index, columns, len(file_aus))
            for index, raw in enumerate(annotations['data_list'])
        ]

    def _check_entry(self, raw: dict, index: int, columns: List[int],
                     num_labels: int) -> dict:
        where = f'{self.ann_file}, entry {index}'
        if 'img_path' in raw:
            where += f' ({raw["img_path"]})'
        labels = np.asarray(raw.get('au_labels', []))
        if labels.shape != (num_labels, ):
            raise ValueError(f'{where}: expected {num_labels} AU labels, got '
                             f'shape {labels.shape}.')
        bad = ~np.isin(labels, (0, 1, UNKNOWN_LABEL))
        if bad.any():
            raise ValueError(
                f'{where}: AU label(s) {labels[bad].tolist()} outside '
                f'{{0, 1, {UNKNOWN_LABEL} (unknown)}}.')
        info = dict(raw)
        info['au_labels'] = labels[columns].astype(np.int64)
        info['landmarks'] = check_landmarks(raw.get('landmarks'), where)
        if 'img_path' in info and self.data_prefix.get('img_path'):
            info['img_path'] = osp.join(self.data_prefix['img_path'],
                                        info['img_path'])
        return info

    def get_label_matrix(self) -> np.ndarray:
        """Labels of all samples, shape (N, K), -1 where unknown."""
        return np.stack(
            [self.get_data_info(i)['au_labels'] for i in range(len(self))])
