"""The documented recipe for a new head (docs/en/adding_components.md), run
exactly as written: training, testing, every runtime, the CSV and the
pictures."""
import csv
import json
import os
import re
import shutil

import cv2
import numpy as np
import pytest

from mmfau.apis import FaceAUInferencer, init_model
from mmfau.deployment import build_runtime
from tests.test_tools.forked_script import run_script_forked, tool_env
from tests.test_tools.helpers import ROOT, TINY

pytestmark = pytest.mark.slow

AUS = ['AU1', 'AU2', 'AU4', 'AU6', 'AU7', 'AU9', 'AU10', 'AU12', 'AU14',
       'AU15', 'AU17', 'AU23', 'AU24', 'AU25', 'AU26']
#: A recipe block: a marker naming the file, then a python code block.
_BLOCK = re.compile(r'<!-- recipe: (\S+) -->\n```python\n(.*?)```', re.S)


def _recipe_files():
    with open(os.path.join(ROOT, 'docs', 'en', 'adding_components.md')) as f:
        return dict(_BLOCK.findall(f.read()))


def _run(folder, script, *args):
    """A tool run from the user's folder, which custom_imports search."""
    done = run_script_forked(script, args, folder, tool_env(), 600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    return done.stdout + done.stderr


def test_the_documented_head_recipe_works_everywhere(tmp_path, monkeypatch):
    files = _recipe_files()
    assert sorted(files) == ['configs/fau/mean_pool_synthetic.py',
                             'my_project/mean_pool_head.py']
    # a user's project: a copy of the configs, the recipe's two files
    shutil.copytree(os.path.join(ROOT, 'configs'), tmp_path / 'configs')
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    config = 'configs/fau/mean_pool_synthetic.py'
    options = ['--cfg-options'] + [f'{k}={v}' for k, v in dict(
        TINY, **{'train_cfg.max_epochs': 1}).items()]

    # derived from the main job, whose metrics score intensity: refused in
    # one line before the first step
    main_job = tmp_path / 'configs/fau/mean_pool_main_job.py'
    main_job.write_text(files['configs/fau/mean_pool_synthetic.py'].replace(
        './full_synthetic_f1.py', './full_synthetic.py'))
    done = run_script_forked(f'{ROOT}/tools/train.py',
                             (str(main_job), '--work-dir', 'refused',
                              *options), tmp_path, tool_env(), 600)
    assert done.returncode == 1
    error, = [line for line in done.stderr.splitlines()
              if line.startswith('error:')]
    assert 'AUIntensityMetric' in error and 'MeanPoolHead' in error
    assert 'Traceback' not in done.stderr and not (
        tmp_path / 'refused' / 'epoch_1.pth').exists()
    _run(tmp_path, f'{ROOT}/tools/train.py', config, '--work-dir', 'work',
         *options)
    checkpoint = tmp_path / 'work' / 'epoch_1.pth'
    _run(tmp_path, f'{ROOT}/tools/test.py', config, checkpoint,
         '--metrics-out', 'metrics.json', *options)
    metrics = json.loads((tmp_path / 'metrics.json').read_text())
    assert 0 <= metrics['F1/mean'] <= 100 and 'AUC/mean' in metrics

    # a face with its landmarks: the demo writes the CSV and the picture
    from mmfau.datasets import SyntheticFaceDataset
    info = SyntheticFaceDataset(parts=('P1', ), num_subjects=3,
                                frames_per_subject=1, image_size=256,
                                seed=0).get_data_info(0)
    cv2.imwrite(str(tmp_path / 'face.png'), info['img'])
    (tmp_path / 'lm.json').write_text(
        json.dumps({'face.png': info['landmarks'].tolist()}))
    _run(tmp_path, f'{ROOT}/demo/image_demo.py', 'face.png', config,
         checkpoint, '--landmarks', 'file', '--landmark-file', 'lm.json',
         '--out-csv', 'aus.csv', '--out-dir', 'drawn')
    with open(tmp_path / 'aus.csv') as f:
        row, = csv.DictReader(f)
    assert row['status'] == 'ok' and row['AU12'] in '01'
    drawn = cv2.imread(str(tmp_path / 'drawn' / 'face_face0.png'))
    assert drawn is not None and drawn.std() > 5
    _run(tmp_path, f'{ROOT}/tools/deployment/pytorch2onnx.py', config,
         checkpoint, '--out', 'int8.onnx', '--int8', '--calib-faces', 8)

    # every runtime of the inferencer, in this process as the user's would
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.chdir(tmp_path)
    model = init_model(config, str(checkpoint))
    detector = dict(type='FileLandmarks', path='lm.json')
    scores = {}
    for runtime, onnx in (('pytorch', None), ('pytorch-bf16', None),
                          ('onnx', 'model.onnx'), ('onnx-int8', 'int8.onnx')):
        inferencer = FaceAUInferencer(
            model, detector, runtime=build_runtime(runtime, model, onnx))
        face, = inferencer('face.png')[0].faces
        scores[runtime] = face.probabilities
    assert scores['pytorch'].tolist() == pytest.approx(
        [float(row[f'{au}_prob']) for au in AUS], abs=1e-3)
    for runtime, values in scores.items():
        tolerance = 1e-3 if runtime == 'onnx' else 0.05
        np.testing.assert_allclose(values, scores['pytorch'],
                                   atol=tolerance, err_msg=runtime)
