"""tools/infer.py over a collection: one output set per input and an index
with their statuses; resumed after kill -9 to the files an uninterrupted
run writes; the same with 2 processes over gloo."""
import csv
import json
import os
import subprocess
import sys
import time

import numpy as np
import pytest

from mmfau.datasets.synthetic import write_synthetic_video

from ..test_apis.test_inference import CONFIG, _checkpoint, _face_image
from .forked_script import ROOT, run_script_forked, tool_env

pytestmark = pytest.mark.slow


def _tree(folder):
    """Every file under ``folder`` (relative path -> bytes), the index's
    and records' processing times left out."""
    files = {}
    for base, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(base, name)
            key = os.path.relpath(path, folder)
            if key.startswith('.runtime'):
                continue
            with open(path, 'rb') as f:
                data = f.read()
            if key == 'index.csv':
                rows = list(csv.DictReader(data.decode().splitlines()))
                data = [dict(r, seconds='') for r in rows]
            elif key.endswith('.json'):
                data = json.loads(data)
                data['record']['seconds'] = None
            files[key] = data
    return files


@pytest.fixture(scope='module')
def collection(tmp_path_factory):
    """A folder of two videos of one name in two folders, a photograph and
    a broken file; a list naming it and a missing path; a landmark file;
    the untrained model's checkpoint; and an uninterrupted run's outputs."""
    root = tmp_path_factory.mktemp('collection')
    folder = root / 'study'
    (folder / 'day2').mkdir(parents=True)
    truth = write_synthetic_video(str(folder / 'talk.avi'), num_frames=90,
                                  face_size=128, seed=3)
    (folder / 'day2' / 'talk.avi').write_bytes(
        (folder / 'talk.avi').read_bytes())
    photo, landmarks = _face_image(folder)
    (folder / 'broken.mp4').write_bytes(b'not a video')
    marks = {f'talk.avi/{t}': [p.tolist() for p in faces]
             for t, faces in enumerate(truth['landmarks'])}
    marks['face0.png'] = [landmarks.tolist()]
    (root / 'landmarks.json').write_text(json.dumps(marks))
    (root / 'inputs.txt').write_text('study\n# a mistyped path:\nstudy.mp4\n')
    checkpoint = _checkpoint(root / 'model.pth')
    options = ['--landmarks', 'file', '--landmark-file',
               str(root / 'landmarks.json'), '--runtime', 'pytorch',
               '--batch-size', '8', '--quiet']
    done = run_script_forked(
        'tools/infer.py', [root / 'inputs.txt', CONFIG, checkpoint,
                           '--out-dir', root / 'reference', *options],
        ROOT, tool_env(), 300)
    assert done.returncode == 3, done.stderr[-3000:]
    return dict(root=root, checkpoint=checkpoint, options=options,
                reference=root / 'reference', log=done.stderr)


def _infer(collection, out_dir, *extra):
    return run_script_forked(
        'tools/infer.py', [collection['root'] / 'inputs.txt', CONFIG,
                           collection['checkpoint'], '--out-dir', out_dir,
                           *collection['options'], *extra], ROOT,
        tool_env(), 300)


def test_one_output_set_per_input_and_an_index_of_their_statuses(
        collection):
    reference = collection['reference']
    with open(reference / 'index.csv') as f:
        index = list(csv.DictReader(f))
    root = collection['root']
    assert [(os.path.relpath(r['input'], root), r['status'],
             r['frames_read'], r['frames_declared'], r['faces'])
            for r in index] == [
        ('study/broken.mp4', 'unreadable', '0', '0', '0'),
        ('study/day2/talk.avi', 'ok', '90', '90', '1'),
        ('study/face0.png', 'ok', '1', '1', '1'),
        ('study/talk.avi', 'ok', '90', '90', '1'),
        ('study.mp4', 'missing', '0', '0', '0')]
    # the outputs mirror the inputs' paths: two talk.avi never collide
    assert index[1]['outputs'] == 'study/day2/talk.avi.csv;' \
        'study/day2/talk.avi.faces.csv'
    with open(reference / 'study' / 'day2' / 'talk.avi.csv') as f:
        rows = list(csv.DictReader(f))
    assert [int(r['frame']) for r in rows] == list(range(90))
    assert rows[0]['AU12_prob'] and rows[0]['status'] == 'ok'
    assert 'no such file or folder' in index[4]['message']
    assert '5 of 5 inputs done' in collection['log']
    assert '2 not read whole' in collection['log']
    # a rerun skips what is done and changes nothing
    before = _tree(reference)
    done = _infer(collection, reference)
    assert done.returncode == 3
    assert '5 of 5 inputs done before with these settings: skipped' in \
        done.stderr
    assert _tree(reference) == before


def test_calibration_without_a_baseline_is_refused_before_any_work(
        collection, tmp_path):
    # the untrained checkpoint has no population baseline to calibrate by
    done = _infer(collection, tmp_path / 'out', '--workers', '2',
                  '--calibrate', 'offline')
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1].startswith(
        f'error: Calibration needs the population baseline a training run '
        'stores with its last checkpoint (dataset meta '
        f"'calibration_baseline'); {collection['checkpoint']} has none")
    assert not (tmp_path / 'out').exists()


def test_an_output_onto_an_input_is_refused_also_through_a_hard_link(
        collection, tmp_path):
    # the landmark file, linked where a photograph's record would be written
    record = tmp_path / 'out' / 'study' / 'face0.png.json'
    record.parent.mkdir(parents=True)
    landmarks = collection['root'] / 'landmarks.json'
    os.link(landmarks, record)
    before = landmarks.read_bytes()
    done = _infer(collection, tmp_path / 'out')
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == (
        f'error: {record} (--out-dir) would be written onto the input '
        f'{landmarks}; choose another folder.')
    assert landmarks.read_bytes() == before
    assert sorted(p.name for p in (tmp_path / 'out').rglob('*')) == [
        'face0.png.json', 'study']


def test_killed_and_rerun_it_ends_with_the_uninterrupted_outputs(
        collection, tmp_path):
    out = tmp_path / 'killed'
    proc = subprocess.Popen(
        [sys.executable, 'tools/infer.py', str(collection['root'] /
                                               'inputs.txt'), CONFIG,
         collection['checkpoint'], '--out-dir', str(out),
         *collection['options']], cwd=ROOT, env=tool_env(),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # killed while the first video is half done
    partial = out / 'study' / 'day2' / '.talk.avi.partial.csv'
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and proc.poll() is None and not (
            partial.exists() and len(partial.read_text().splitlines()) > 40):
        time.sleep(0.02)
    proc.kill()
    proc.wait()
    assert proc.returncode == -9
    assert not (out / 'index.csv').exists()
    assert not (out / 'study' / 'day2' / 'talk.avi.csv').exists()
    done = _infer(collection, out)
    assert done.returncode == 3, done.stderr[-2000:]
    assert _tree(out) == _tree(collection['reference'])


def test_two_processes_over_gloo_write_the_one_process_outputs(
        collection, tmp_path):
    out = tmp_path / 'gloo'
    done = subprocess.run(
        ['bash', 'tools/dist_infer.sh', CONFIG, collection['checkpoint'],
         str(collection['root'] / 'inputs.txt'), '2', '--out-dir', str(out),
         *collection['options']], cwd=ROOT,
        env=dict(tool_env(), PORT='29533'), capture_output=True, text=True,
        timeout=300)
    # the first process ends with 3 (two inputs not read whole), as
    # torchrun reports it
    assert 'exitcode  : 3' in done.stderr, done.stderr[-3000:]
    assert _tree(out) == _tree(collection['reference'])


def test_the_runtime_chosen_for_the_cpu(collection, tmp_path, monkeypatch):
    from mmfau.apis import init_model
    from mmfau.deployment import build_runtime, choose_runtime
    model = init_model(CONFIG, collection['checkpoint'])
    folder = tmp_path / 'graphs'
    name, graph, reason = choose_runtime(model, str(folder),
                                         collection['checkpoint'],
                                         flags={'avx2', 'fma'})
    assert name == 'onnx' and reason.startswith('the CPU has no native int8')
    name, int8, reason = choose_runtime(model, str(folder),
                                        collection['checkpoint'],
                                        flags={'avx2', 'avx512_vnni'})
    assert name == 'onnx-int8' and '(avx512_vnni)' in reason
    assert sorted(os.listdir(folder)) == sorted(
        [os.path.basename(graph), os.path.basename(int8)])
    faces = np.zeros((2, 3, 112, 112), np.float32) + 128
    boxes = np.tile(np.array([[10, 10, 60, 60]], np.float32), (2, 8, 1))
    for runtime in (build_runtime('onnx', model, graph),
                    build_runtime('onnx-int8', model, int8)):
        assert runtime(faces, boxes).intensity.shape == (2, 15)
    # where the CPU's features cannot be read, a timing decides
    from mmfau.deployment import runtime_choice
    monkeypatch.setattr(runtime_choice, 'cpu_flags', lambda: None)
    name, graph, reason = choose_runtime(model, str(folder),
                                         collection['checkpoint'])
    assert name in ('pytorch', 'pytorch-bf16', 'onnx')
    assert reason.startswith('the CPU\'s features cannot be read; the '
                             'fastest per face of pytorch ')
    assert (graph is not None) == (name == 'onnx')
