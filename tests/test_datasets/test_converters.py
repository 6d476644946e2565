"""The converters on tiny copies of the official releases."""
import filecmp
import json
import os
import os.path as osp

import cv2
import numpy as np
import pytest

from mmfau.apis import FaceAUInferencer, init_model
from mmfau.datasets import BP4DDataset, DISFADataset
from mmfau.datasets.converters import read_cache
from mmfau.faces import GEOMETRY_KEY, FaceGeometry
from mmfau.facs import BP4D_AUS, DISFA_AUS

from ..test_tools.helpers import ROOT, run_python
from .official_layouts import make_bp4d, make_disfa

#: These tests run the tools or a Runner: deselect with -m "not slow".
pytestmark = pytest.mark.slow


def _convert(name, root, out, landmark_file, workers=0, *options):
    return run_python(f'tools/dataset_converters/{name}.py', root, '--out',
                      out, '--landmarks', 'file', '--landmark-file',
                      landmark_file, '--workers', workers, *options)


def _entries(out, part):
    with open(osp.join(out, 'annotations', f'{part}.json')) as f:
        return json.load(f)


def test_bp4d_layout_labels_and_report(tmp_path):
    facts = make_bp4d(tmp_path / 'BP4D')
    out = tmp_path / 'out'
    log = _convert('bp4d', tmp_path / 'BP4D', out, facts['landmark_file'],
                   workers=2)
    assert 'labelled frames read: 9' in log
    assert 'written (aligned, with landmarks): 8' in log
    assert 'without a face (not used): 1' in log
    report = (out / 'report.txt').read_text()
    assert facts['no_face'] in report
    assert f'{facts["missing_frame"]}: frame 13 is labelled' in report
    assert f'{facts["unlabelled"]}: 1 frames without labels' in report
    parts = {p: _entries(out, p) for p in ('P1', 'P2', 'P3')}
    assert [parts[p]['metainfo']['subjects'] for p in parts] == [['F001'],
                                                                 ['F003'],
                                                                 ['F004']]
    assert len(parts['P3']['data_list']) == 2  # the faceless frame is out
    # BP4D's 9 is unknown (-1), never absent
    f001 = {e['frame']: e for e in parts['P1']['data_list']}
    assert f001[11]['au_labels'][BP4D_AUS.index(2)] == -1
    dataset = BP4DDataset(
        data_root=str(out), parts=['P1', 'P2'],
        data_prefix=dict(img_path='images'))
    assert len(dataset) == 6 and dataset.aus == list(BP4D_AUS)
    info = dataset.get_data_info(0)
    assert osp.exists(info['img_path'])
    assert info['landmarks'].shape == (68, 2)
    known = parts['P1']['metainfo']['au_known']
    assert known[BP4D_AUS.index(2)] == 2 and known[0] == 3


def test_bp4d_rerun_is_identical_and_resumes_a_stopped_run(tmp_path):
    facts = make_bp4d(tmp_path / 'BP4D')
    first, second = tmp_path / 'a', tmp_path / 'b'
    _convert('bp4d', tmp_path / 'BP4D', first, facts['landmark_file'])
    _convert('bp4d', tmp_path / 'BP4D', second, facts['landmark_file'])
    for part in ('P1', 'P2', 'P3'):
        assert filecmp.cmp(first / 'annotations' / f'{part}.json',
                           second / 'annotations' / f'{part}.json',
                           shallow=False)
    # a run stopped in the middle of a sequence: one frame done, the next
    # line cut short by the kill, no annotation files yet
    cache = second / 'cache' / 'F001_T1.jsonl'
    lines = cache.read_text().splitlines()
    cache.write_text(lines[0] + '\n' + lines[1][:15])
    os.remove(second / 'cache' / 'F003_T2.jsonl')
    for part in ('P1', 'P2', 'P3'):
        os.remove(second / 'annotations' / f'{part}.json')
    log = _convert('bp4d', tmp_path / 'BP4D', second, facts['landmark_file'])
    assert 'written (aligned, with landmarks): 8' in log
    assert len(read_cache(str(cache))) == 3
    for part in ('P1', 'P2', 'P3'):
        assert filecmp.cmp(first / 'annotations' / f'{part}.json',
                           second / 'annotations' / f'{part}.json',
                           shallow=False)


def test_disfa_intensity_two_is_present_one_is_absent(tmp_path):
    facts = make_disfa(tmp_path / 'DISFA')
    out = tmp_path / 'out'
    log = _convert('disfa', tmp_path / 'DISFA', out, facts['landmark_file'])
    assert 'written (aligned, with landmarks): 12' in log
    entries = _entries(out, 'P1')['data_list']
    assert [e['frame'] for e in entries] == [1, 2, 3, 4]
    for entry in entries:
        for au, label, level in zip(DISFA_AUS, entry['au_labels'],
                                    entry['au_intensities']):
            value = facts['intensities'][('SN001', entry['frame'], au)]
            assert label == int(value >= 2), (entry['frame'], au, value)
            assert level == value  # the intensity is kept
    dataset = DISFADataset(
        data_root=str(out), parts=['P3'], data_prefix=dict(img_path='images'),
        aus=[12, 1])
    assert len(dataset) == 4
    assert np.isin(dataset.get_label_matrix(), (0, 1)).all()
    info = dataset.get_data_info(0)
    p3 = {e['frame']: e for e in _entries(out, 'P3')['data_list']}
    expected = p3[info['frame']]['au_intensities']
    assert info['au_intensities'].tolist() == [
        expected[DISFA_AUS.index(12)], expected[DISFA_AUS.index(1)]
    ]


def test_missing_release_folder_is_named(tmp_path):
    out = run_python('tools/dataset_converters/bp4d.py', tmp_path,
                     '--landmarks', 'file', '--landmark-file', 'x.json',
                     succeed=False)
    assert f'{tmp_path}/AUCoding/AU_OCC does not exist' in out


def test_train_and_test_one_fold_on_converted_bp4d(tmp_path):
    """Converted at another crop size, trained, tested, and used for
    inference, which frames new faces as the converter did."""
    facts = make_bp4d(tmp_path / 'BP4D')
    out = tmp_path / 'bp4d'
    _convert('bp4d', tmp_path / 'BP4D', out, facts['landmark_file'], 0,
             '--size', 300)
    assert _entries(out, 'P1')['metainfo'][GEOMETRY_KEY] == dict(
        size=300, face_scale=0.9)
    options = ['--cfg-options', 'model.backbone.init_cfg=None',
               'train_cfg.max_epochs=1', 'default_hooks.logger.interval=1']
    for loader in ('train', 'val', 'test'):
        options += [
            f'{loader}_dataloader.dataset.data_root={out}',
            f'{loader}_dataloader.batch_size=2',
            f'{loader}_dataloader.num_workers=0',
            f'{loader}_dataloader.persistent_workers=False',
            f'{loader}_dataloader.pin_memory=False'
        ]
    work = tmp_path / 'work'
    log = run_python('tools/train.py', 'configs/fau/full_bp4d_f1.py',
                     '--work-dir', work, *options)
    assert 'Epoch(train) [1][3/3]' in log  # P1 + P2: 6 faces, batch 2
    assert 'num_samples: 2' in log  # P3: 2 faces with landmarks
    csv_path = tmp_path / 'pred.csv'
    log = run_python('tools/test.py', 'configs/fau/full_bp4d_f1.py',
                     work / 'epoch_1.pth', '--work-dir', work, '--out',
                     csv_path, *options)
    rows = csv_path.read_text().splitlines()
    assert rows[0].startswith('subject,session,frame,img_path,AU1_prob')
    assert [r.split(',')[:3] for r in rows[1:]] == [['F004', 'T8', '10'],
                                                    ['F004', 'T8', '11']]

    # no config edit: the checkpoint tells inference how faces are framed
    model = init_model(osp.join(ROOT, 'configs/fau/full_bp4d_f1.py'),
                       str(work / 'epoch_1.pth'))
    assert model.face_geometry == FaceGeometry(300, 0.9)
    frame = tmp_path / 'BP4D' / '2D+3D' / 'F004' / 'T8' / '10.jpg'
    with open(facts['landmark_file']) as f:
        points = json.load(f)['F004/T8/10.jpg']
    landmark_file = tmp_path / 'frame_landmarks.json'
    landmark_file.write_text(json.dumps({'10.jpg': points}))
    inferencer = FaceAUInferencer(
        model, dict(type='FileLandmarks', path=str(landmark_file)))
    face, = inferencer(str(frame), return_crops=True)[0].faces
    converted = cv2.imread(str(out / 'images' / 'F004' / 'T8' / '00010.jpg'))
    assert face.crop.shape == converted.shape == (300, 300, 3)
    difference = np.abs(face.crop.astype(int) - converted.astype(int))
    assert difference.mean() < 2  # the same face, up to JPEG


def test_an_output_folder_that_is_a_file_is_named(tmp_path):
    from mmfau.datasets.converters import ConversionReport, convert
    from mmfau.facs import BP4D_AUS
    out = tmp_path / 'bp4d'
    out.write_text('my notes')
    with pytest.raises(NotADirectoryError, match=f'^{out} \\(--out\\): is a '
                       'file; the converter writes a folder there.$'):
        convert('BP4D', [], BP4D_AUS, str(out), dict(type='FileLandmarks',
                path=str(out)), ConversionReport())
    assert out.read_text() == 'my notes'
