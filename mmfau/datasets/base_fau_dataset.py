"""Datasets of faces with AU occurrence labels in OpenMMLab 2.0 format."""
import os.path as osp
from typing import List, Optional, Sequence

import mmengine
import numpy as np
from mmengine.dataset import BaseDataset

from mmfau.faces.landmark_scheme import check_landmarks
from mmfau.facs import LABEL_VALUES, MAX_INTENSITY, UNKNOWN, au_name, check_aus
from mmfau.registry import DATASETS

from .protocol import VALIDATION_EVERY, validation_subjects

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
                        "au_intensities": [0, 3, -1], # optional, 0-5
                        "landmarks": [[x, y], ...]}]} # 68 points

    Args:
        ann_file (str): Annotation file; with ``parts``, a pattern such as
            ``'annotations/{part}.json'``.
        parts (Sequence[str], optional): Subject parts whose files are read
            and concatenated, e.g. ``('P1', 'P2')``.
        aus (Sequence[int], optional): AUs to use, a subset of the file's, in
            the order of the model's outputs. Defaults to the file's.
        converter (str, optional): The command that makes ``ann_file``, named
            in the error when the file is missing.
        **kwargs: Other arguments of :class:`mmengine.dataset.BaseDataset`.
            ``filter_cfg=dict(subjects='train')`` keeps the training
            subjects less the validation ones
            (:func:`~mmfau.datasets.protocol.validation_subjects`),
            ``dict(subjects='validation')`` only those: a model trained on
            the first can have settings chosen on the second, never on the
            test part. The label counts in the metainfo follow.
    """

    METAINFO: dict = dict()

    def __init__(self,
                 ann_file: str = '',
                 parts: Optional[Sequence[str]] = None,
                 aus: Optional[Sequence[int]] = None,
                 converter: Optional[str] = None,
                 **kwargs) -> None:
        if parts is not None and '{part}' not in ann_file:
            raise ValueError(f'ann_file {ann_file!r} needs a {{part}} field '
                             'when parts are given.')
        self.ann_parts = None if parts is None else list(parts)
        self.selected_aus = None if aus is None else check_aus(
            aus, source=f'the `aus` of {self.__class__.__name__}')
        self.converter = converter
        super().__init__(ann_file=ann_file, **kwargs)

    @property
    def aus(self) -> List[int]:
        """The AUs of this dataset, in the order of the labels."""
        return list(self.metainfo['aus'])

    def _missing_file_message(self, path: str) -> str:
        message = f'Annotation file {path} does not exist.'
        if self.converter:
            message += f' Make it with: {self.converter}'
        return message

    def load_data_list(self) -> List[dict]:
        paths = [self.ann_file] if self.ann_parts is None else [
            self.ann_file.format(part=part) for part in self.ann_parts
        ]
        data_list = []
        counts = None
        for path in paths:
            entries, positive, known = self._load_file(path)
            data_list += entries
            if positive is not None:
                counts = (positive, known) if counts is None else (
                    counts[0] + positive, counts[1] + known)
        if counts is not None:
            self._metainfo['au_positive'] = counts[0].tolist()
            self._metainfo['au_known'] = counts[1].tolist()
        return data_list

    def filter_data(self) -> List[dict]:
        keep = (self.filter_cfg or {}).get('subjects')
        if keep is None:
            return self.data_list
        if keep not in ('train', 'validation'):
            raise ValueError("filter_cfg subjects must be 'train' or "
                             f"'validation', got {keep!r}.")
        unnamed = next((e for e in self.data_list if not e.get('subject')),
                       None)
        if unnamed is not None:
            raise ValueError(
                f'{self.ann_file}: entry {unnamed.get("img_path")} names no '
                'subject, which filter_cfg subjects needs.')
        subjects = {e['subject'] for e in self.data_list}
        held_out = set(validation_subjects(subjects))
        if not held_out:
            raise ValueError(
                f'{len(subjects)} subject(s) in {self.ann_file or "the data"}'
                f': too few to hold every {VALIDATION_EVERY}th out for '
                'validation.')
        kept = [e for e in self.data_list
                if (e['subject'] in held_out) == (keep == 'validation')]
        self._count_labels(kept)
        return kept

    def _count_labels(self, entries: List[dict]) -> None:
        """Set the metainfo's label counts (``au_positive``, ``au_known``:
        what the label-rate hooks read) from the entries' labels."""
        labels = np.array([e['au_labels'] for e in entries],
                          dtype=np.int64).reshape(-1, len(self.aus))
        self._metainfo['au_positive'] = (labels == 1).sum(0).tolist()
        self._metainfo['au_known'] = (labels != UNKNOWN).sum(0).tolist()

    def _load_file(self, path: str):
        if not osp.isfile(path):
            raise FileNotFoundError(self._missing_file_message(path))
        try:
            annotations = mmengine.load(path)
        except Exception as err:
            raise ValueError(
                f'{path}: cannot be read as an annotation file '
                f'({type(err).__name__}: {err}).') from err
        if not isinstance(annotations, dict) or not {
                'metainfo', 'data_list'
        } <= set(annotations):
            raise ValueError(
                f'{path}: not an mmfau annotation file: expected a '
                'dict with "metainfo" and "data_list".')
        file_meta = annotations['metainfo']
        version = file_meta.get('format_version')
        if version != ANNOTATION_VERSION:
            raise ValueError(
                f'{path}: annotation format_version {version!r}, '
                f'but this mmfau reads version {ANNOTATION_VERSION}; '
                're-run the converter.')
        file_aus = check_aus(
            file_meta.get('aus', []), source=f'{path} metainfo')
        aus = file_aus if self.selected_aus is None else self.selected_aus
        absent = [au for au in aus if au not in file_aus]
        if absent:
            raise ValueError(f'{path} has no labels for '
                             f'{[au_name(au) for au in absent]}; it has '
                             f'{[au_name(au) for au in file_aus]}.')
        if 'aus' in self._metainfo and self._metainfo['aus'] != aus:
            raise ValueError(f'{path} labels AUs {aus}, the other parts '
                             f'{self._metainfo["aus"]}.')
        columns = [file_aus.index(au) for au in aus]
        for key, value in file_meta.items():
            if key not in ('aus', 'au_positive', 'au_known', 'part'):
                self._metainfo.setdefault(key, value)
        self._metainfo['aus'] = aus
        self._metainfo['au_names'] = [au_name(au) for au in aus]
        entries = [
            self._check_entry(path, raw, index, columns, len(file_aus))
            for index, raw in enumerate(annotations['data_list'])
        ]
        if 'au_positive' not in file_meta:
            return entries, None, None
        return (entries, np.asarray(file_meta['au_positive'])[columns],
                np.asarray(file_meta['au_known'])[columns])

    def _check_entry(self, path: str, raw: dict, index: int,
                     columns: List[int], num_labels: int) -> dict:
        where = f'{path}, entry {index}'
        if 'img_path' in raw:
            where += f' ({raw["img_path"]})'
        labels = np.asarray(raw.get('au_labels', []))
        if labels.shape != (num_labels, ):
            raise ValueError(f'{where}: expected {num_labels} AU labels, got '
                             f'shape {labels.shape}.')
        bad = ~np.isin(labels, LABEL_VALUES)
        if bad.any():
            raise ValueError(
                f'{where}: AU label(s) {labels[bad].tolist()} outside '
                f'{set(LABEL_VALUES)} ({UNKNOWN}: unknown).')
        info = dict(raw)
        info['au_labels'] = labels[columns].astype(np.int64)
        if 'au_intensities' in raw:
            levels = np.asarray(raw['au_intensities'])
            valid = (levels == UNKNOWN) | ((levels >= 0) &
                                           (levels <= MAX_INTENSITY))
            if levels.shape != (num_labels, ) or not valid.all():
                raise ValueError(
                    f'{where}: expected {num_labels} AU intensities in '
                    f'0-{MAX_INTENSITY} or {UNKNOWN} (unknown), got '
                    f'{levels.tolist()}.')
            info['au_intensities'] = levels[columns].astype(np.int64)
        info['landmarks'] = check_landmarks(raw.get('landmarks'), where)
        if 'img_path' in info and self.data_prefix.get('img_path'):
            info['img_path'] = osp.join(self.data_prefix['img_path'],
                                        info['img_path'])
        return info

    def get_label_matrix(self) -> np.ndarray:
        """Labels of all samples, shape (N, K), :data:`mmfau.facs.UNKNOWN`
        where unknown. Reads the
        stored data list only (no image is loaded or drawn)."""
        return np.stack([
            BaseDataset.get_data_info(self, i)['au_labels']
            for i in range(len(self))
        ])
