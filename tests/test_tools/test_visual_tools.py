"""Pictures: validation faces, attention maps, F1 comparison, regions."""
import glob
import json
import os.path as osp

import cv2
import pytest
from mmengine.config import Config
from mmengine.runner import Runner

from ..test_apis.test_inference import _checkpoint
from .helpers import ROOT, TINY, run_python

#: These tests run the tools or a Runner: deselect with -m "not slow".
pytestmark = pytest.mark.slow

CONFIG = 'configs/fau/full_synthetic.py'


def _random_checkpoint(path):
    return _checkpoint(path, osp.join(ROOT, CONFIG))


def test_validation_logs_drawn_faces(tmp_path):
    cfg = Config.fromfile(osp.join(ROOT, CONFIG))
    cfg.merge_from_dict(TINY)
    cfg.work_dir = str(tmp_path)
    cfg.train_cfg = dict(by_epoch=True, max_epochs=1, val_interval=1)
    cfg.default_hooks.visualization.num_samples = 2
    # MMEngine keeps one visualizer per name in a process: use our own
    cfg.visualizer.name = f'visualizer_{tmp_path.name}'
    Runner.from_cfg(cfg).train()
    drawn = sorted(glob.glob(str(tmp_path / '*' / 'vis_data' / 'vis_image' /
                                 'val_face_*.png')))
    assert [osp.basename(p) for p in drawn] == ['val_face_0_1.png',
                                                'val_face_1_1.png']
    picture = cv2.imread(drawn[0])
    assert picture.shape[0] == 320 and picture.shape[1] > 320


def test_attention_and_prediction_pictures(tmp_path):
    checkpoint = _random_checkpoint(tmp_path / 'model.pth')
    options = ['--cfg-options'] + [
        f'{k}={v}' for k, v in TINY.items() if k.startswith('test_')
    ]
    run_python('tools/analysis_tools/vis_attention.py', CONFIG, checkpoint,
               '--out', tmp_path / 'attention.png', *options)
    figure = cv2.imread(str(tmp_path / 'attention.png'))
    assert figure is not None and figure.shape[1] > 2 * figure.shape[0]
    out = run_python('tools/analysis_tools/show_predictions.py', CONFIG,
                     checkpoint, '--num', 2, '--out-dir', tmp_path / 'show',
                     *options)
    assert out.count('wrote') == 2
    assert len(glob.glob(str(tmp_path / 'show' / '*.png'))) == 2


def test_f1_plot_of_several_runs(tmp_path):
    runs = []
    for name, value in (('full', 64.8), ('crm', 60.4)):
        path = tmp_path / f'{name}.json'
        path.write_text(json.dumps({'F1/AU1': value, 'F1/AU2': value - 5,
                                    'F1/mean': value - 2.5}))
        runs.append(path)
    run_python('tools/analysis_tools/plot_f1.py', *runs, '--labels', 'full',
               'CRM', '--out', tmp_path / 'f1.png')
    assert cv2.imread(str(tmp_path / 'f1.png')) is not None
    out = run_python('tools/analysis_tools/plot_f1.py', *runs, '--labels',
                     'one', succeed=False)
    assert 'one label per run' in out


def test_regions_picture_of_the_photograph(tmp_path):
    run_python('tools/analysis_tools/show_regions.py', 'astronaut', '--out',
               tmp_path / 'regions.png')
    assert cv2.imread(str(tmp_path / 'regions.png')).shape == (512, 512, 3)
