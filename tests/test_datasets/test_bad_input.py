"""Bad images give errors naming the file, or are skipped on record."""
import json
import os.path as osp

import cv2
import numpy as np
import pytest

from mmfau.datasets import ANNOTATION_VERSION, FAUDataset
from mmfau.datasets.transforms import LoadFaceImage
from mmfau.faces.landmark_scheme import CANONICAL_FACE

from ..test_tools.helpers import ROOT, run_python


def _dataset(tmp_path, names, skip_bad=False):
    entries = [
        dict(img_path=name, subject='F001', session='T1', frame=i,
             au_labels=[1, 0], landmarks=(CANONICAL_FACE * 64).tolist())
        for i, name in enumerate(names)
    ]
    ann = tmp_path / 'ann.json'
    ann.write_text(json.dumps(dict(
        metainfo=dict(aus=[1, 2], format_version=ANNOTATION_VERSION),
        data_list=entries)))
    return FAUDataset(
        ann_file=str(ann), data_prefix=dict(img_path=str(tmp_path)),
        pipeline=[dict(type='LoadFaceImage', skip_bad=skip_bad),
                  dict(type='LandmarksToRegions'),
                  dict(type='PackFAUInputs')])


@pytest.fixture
def images(tmp_path):
    cv2.imwrite(str(tmp_path / 'good.png'),
                np.full((64, 64, 3), 100, np.uint8))
    (tmp_path / 'corrupt.jpg').write_bytes(b'\xff\xd8 not really a jpeg')
    (tmp_path / 'empty.jpg').write_bytes(b'')
    return tmp_path


@pytest.mark.parametrize('name, error, message', [
    ('missing.jpg', FileNotFoundError, 'missing.jpg: image file does not'),
    ('corrupt.jpg', ValueError, 'corrupt.jpg: not a readable image'),
    ('empty.jpg', ValueError, 'empty.jpg: not a readable image'),
])
def test_bad_images_are_named(images, name, error, message):
    dataset = _dataset(images, [name])
    with pytest.raises(error, match=message):
        dataset[0]


def test_skipping_bad_images_records_each_one(images):
    dataset = _dataset(images, ['corrupt.jpg', 'good.png', 'missing.jpg'],
                       skip_bad=True)
    loader = dataset.pipeline.transforms[0]
    assert isinstance(loader, LoadFaceImage)
    for index in (0, 2):  # MMEngine draws another sample
        sample = dataset[index]
        assert sample['data_samples'].img_path.endswith('good.png')
    assert [osp.basename(p) for p in loader.skipped] == ['corrupt.jpg',
                                                          'missing.jpg']


@pytest.mark.slow
def test_test_tool_refuses_a_checkpoint_of_another_config(tmp_path):
    import torch
    from mmengine.config import Config

    from mmfau.registry import MODELS
    config = osp.join(ROOT, 'configs/fau/crm_synthetic_f1.py')
    crm = MODELS.build(Config.fromfile(config).model)
    checkpoint = tmp_path / 'crm.pth'
    torch.save(dict(state_dict=crm.state_dict(), meta={}), checkpoint)
    out = run_python('tools/test.py', 'configs/fau/full_synthetic.py',
                     checkpoint, '--work-dir', tmp_path, succeed=False)
    assert f'Checkpoint {checkpoint} does not match the model of' in out
    assert 'full_synthetic.py' in out
    # counts and a few keys on one line, not the whole key list
    line, = [text for text in out.splitlines() if 'does not match' in text]
    assert 'missing key(s) (' in line and len(line) < 800
