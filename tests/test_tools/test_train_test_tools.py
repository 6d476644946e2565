"""tools/train.py, --resume, tools/test.py --out and get_flops.py."""
import csv
import glob
import os.path as osp
import re
import shutil

import pytest
import torch

from mmfau.calibration import PopulationBaseline

from .helpers import run_python, tiny_options

#: These tests run the tools or a Runner: deselect with -m "not slow".
pytestmark = pytest.mark.slow

CONFIG = 'configs/fau/full_synthetic.py'


@pytest.fixture(scope='module')
def one_epoch_run(tmp_path_factory):
    """The work dir of a run that stopped after its first epoch."""
    work = tmp_path_factory.mktemp('one_epoch') / 'run'
    run_python('tools/train.py', CONFIG, '--work-dir', work,
               *tiny_options(**{'train_cfg.max_epochs': 1}))
    assert osp.exists(work / 'epoch_1.pth')
    return work


def test_resume_continues_from_the_first_checkpoint(tmp_path,
                                                    one_epoch_run):
    # an interrupted run: it stopped after its first epoch's checkpoint
    work = shutil.copytree(one_epoch_run, tmp_path / 'run')
    out = run_python('tools/train.py', CONFIG, '--work-dir', work,
                   '--resume', *tiny_options())
    assert re.search(r'resumed epoch: 1, iter: \d+', out), out[-2000:]
    assert 'Epoch(train) [1]' not in out  # nothing redone
    assert 'Epoch(train) [2]' in out
    assert osp.exists(work / 'epoch_2.pth')
    # the last checkpoint carries the training population's baseline for
    # per-person calibration
    baseline = PopulationBaseline.from_meta(torch.load(
        work / 'epoch_2.pth', weights_only=True)['meta']['dataset_meta'])
    assert baseline.subjects == 2 and baseline.logits.shape == (15, )
    assert baseline.intensity.shape == (15, )
    # an explicit checkpoint path works too
    out = run_python('tools/train.py', CONFIG, '--work-dir', work,
                   '--resume', work / 'epoch_1.pth', *tiny_options())
    assert 'resumed epoch: 1' in out


def test_test_tool_reports_f1_and_writes_one_row_per_face(
        tmp_path, one_epoch_run):
    work = one_epoch_run
    csv_path = tmp_path / 'pred.csv'
    out = run_python('tools/test.py', CONFIG, work / 'epoch_1.pth',
                     '--work-dir', tmp_path, '--out', csv_path,
                     *tiny_options())
    assert 'F1/mean' in out and 'num_samples: 5' in out
    with open(csv_path) as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 5  # 1 test subject x 5 frames
    assert rows[0]['subject'] and rows[0]['frame'] == '0'
    for au in (1, 2, 4, 6, 7, 9, 10, 12, 14, 15, 17, 23, 24, 25, 26):
        prob = float(rows[0][f'AU{au}_prob'])
        assert 0 <= prob <= 1
        assert rows[0][f'AU{au}'] == str(int(prob >= 0.5))


def test_get_flops_prints_parameters_per_component():
    out = run_python('tools/analysis_tools/get_flops.py', CONFIG)
    for part in ('backbone', 'head.map_layer', 'head.au_encoder',
                 'head.region_encoder', 'head.decoder', 'total'):
        assert re.search(rf'^{re.escape(part)}\s+[\d,]+$', out, re.M), part
    assert re.search(r'FLOPs \(multiply-adds\) per face: \d+\.\d+ G', out)


def test_bp4d_config_names_the_missing_file_and_converter(tmp_path):
    out = run_python('tools/train.py', 'configs/fau/full_bp4d_f1.py',
                   '--work-dir', tmp_path, succeed=False)
    assert re.search(r'\nerror: Annotation file data/bp4d/annotations/P1.json '
                     r'does not exist\. Make it with: python '
                     r'tools/dataset_converters/bp4d.py', out), out[-2000:]
    assert 'Traceback' not in out  # a user's mistake, not a bug
    assert not glob.glob(str(tmp_path / '*.pth'))

