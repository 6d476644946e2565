import json

import numpy as np
import pytest

from mmfau.datasets import ANNOTATION_VERSION, FAUDataset
from mmfau.faces.landmark_scheme import CANONICAL_FACE


def _write(path, data_list, aus=(1, 2, 4), version=ANNOTATION_VERSION):
    path.write_text(
        json.dumps(
            dict(
                metainfo=dict(aus=list(aus), format_version=version),
                data_list=data_list)))
    return str(path)


def _entry(labels, name='F001/T1/0001.jpg', landmarks=None):
    if landmarks is None:
        landmarks = (CANONICAL_FACE * 256).tolist()
    return dict(img_path=name, subject='F001', session='T1', frame=1,
                au_labels=labels, landmarks=landmarks)


def test_loads_labels_and_selects_a_subset_of_aus(tmp_path):
    ann = _write(tmp_path / 'a.json',
                 [_entry([1, 0, -1]), _entry([0, 1, 1], 'F001/T1/0002.jpg')])
    dataset = FAUDataset(ann_file=ann, aus=[4, 1],
                         data_prefix=dict(img_path='imgs'))
    assert dataset.aus == [4, 1]
    assert dataset.metainfo['au_names'] == ['AU4', 'AU1']
    np.testing.assert_array_equal(dataset.get_label_matrix(),
                                  [[-1, 1], [1, 0]])
    assert dataset.get_data_info(0)['img_path'] == 'imgs/F001/T1/0001.jpg'


def test_missing_file_names_the_converter(tmp_path):
    with pytest.raises(FileNotFoundError,
                       match=r'P3.json does not exist.*bp4d.py'):
        FAUDataset(
            ann_file=str(tmp_path / 'P3.json'),
            converter='python tools/dataset_converters/bp4d.py ROOT')


@pytest.mark.parametrize('entry, message', [
    (_entry([1, 0, 9]), r'entry 0 \(F001/T1/0001.jpg\): AU label\(s\) \[9\]'),
    (_entry([1, 0]), 'expected 3 AU labels'),
    (_entry([1, 0, 1], landmarks=[[0, 0]] * 5), 'expected 68 landmarks'),
    (_entry([1, 0, 1], landmarks=[[float('nan'), 0]] * 68), 'NaN'),
])
def test_bad_entries_are_named(tmp_path, entry, message):
    ann = _write(tmp_path / 'bad.json', [entry])
    with pytest.raises(ValueError, match=message):
        FAUDataset(ann_file=ann)


def test_wrong_version_format_and_aus_are_rejected(tmp_path):
    old = _write(tmp_path / 'old.json', [], version=0)
    with pytest.raises(ValueError, match='old.json.*format_version 0'):
        FAUDataset(ann_file=old)
    text = tmp_path / 'list.json'
    text.write_text('[1, 2]')
    with pytest.raises(ValueError, match='list.json: not an mmfau'):
        FAUDataset(ann_file=str(text))
    ann = _write(tmp_path / 'a.json', [_entry([1, 0, 1])])
    with pytest.raises(ValueError, match=r"has no labels for \['AU6'\]"):
        FAUDataset(ann_file=ann, aus=[1, 6])
    with pytest.raises(ValueError, match='AU \\[3\\], which the FACS rule'):
        FAUDataset(ann_file=ann, aus=[3])
