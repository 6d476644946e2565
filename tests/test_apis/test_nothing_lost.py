"""A bad input, a bad output path or an interruption never costs the rows
that were done, and never passes without a word."""
import csv
import json
import os
import signal
import subprocess
import sys
import time

import cv2
import pytest

from mmfau.apis import FaceAUInferencer, init_model
from mmfau.datasets.synthetic import write_synthetic_video

from ..test_tools.forked_script import ROOT, run_script_forked, tool_env
from .test_inference import CONFIG, _face_image, checkpoint  # noqa: F401


def _run(script, *args, timeout=300):
    return run_script_forked(script, args, ROOT, tool_env(), timeout)


def _rows(path):
    with open(path, newline='') as f:
        return list(csv.DictReader(f))


def _landmark_file(folder, *images):
    path = folder / 'landmarks.json'
    path.write_text(json.dumps({
        os.path.basename(image): [landmarks.tolist()]
        for image, landmarks in images
    }))
    return path


@pytest.fixture(scope='module')
def long_video(tmp_path_factory):
    """One person, 150 frames, with landmarks for every frame."""
    folder = tmp_path_factory.mktemp('long')
    path = folder / 'talk.avi'
    truth = write_synthetic_video(str(path), num_frames=150, face_size=160,
                                  seed=2)
    landmarks = folder / 'talk.json'
    landmarks.write_text(json.dumps({
        f'talk.avi/{t}': [p.tolist() for p in faces]
        for t, faces in enumerate(truth['landmarks'])
    }))
    return path, landmarks


@pytest.mark.slow
def test_good_photos_keep_their_rows_beside_an_unreadable_one(
        tmp_path, checkpoint):  # noqa: F811
    first, second = _face_image(tmp_path, 0), _face_image(tmp_path, 1)
    broken = tmp_path / 'broken.jpg'
    broken.write_bytes(b'not an image')
    landmarks = _landmark_file(tmp_path, first, second)
    out_csv = tmp_path / 'aus.csv'
    done = _run('demo/image_demo.py', first[0], broken, second[0], CONFIG,
                checkpoint, '--landmarks', 'file', '--landmark-file',
                landmarks, '--out-csv', out_csv)
    assert done.returncode == 3, done.stderr
    assert f'warning: {broken}: not readable' in done.stderr
    assert 'Traceback' not in done.stderr
    rows = _rows(out_csv)
    assert [(os.path.basename(r['input']), r['status']) for r in rows] == [
        ('face0.png', 'ok'), ('broken.jpg', 'unreadable'),
        ('face1.png', 'ok')]
    assert rows[0]['AU12_prob'] and not rows[1]['AU12_prob']


@pytest.mark.slow
def test_a_truncated_video_says_where_it_stopped(
        tmp_path, checkpoint, long_video):  # noqa: F811
    path, landmarks = long_video
    cut = tmp_path / 'talk.avi'
    data = path.read_bytes()
    cut.write_bytes(data[:int(len(data) * 0.4)])
    model = init_model(CONFIG, checkpoint)
    inferencer = FaceAUInferencer(
        model, dict(type='FileLandmarks', path=str(landmarks)))
    frames = inferencer(str(cut))
    last = frames[-1]
    assert last.status == 'truncated'
    assert f'{cut}: the video stops at frame {last.frame} of the 150' \
        in last.message
    assert 0 < last.frame < 150
    assert {f.status for f in frames[:-1]} == {'ok'}


def test_output_paths_are_checked_before_any_work(tmp_path):
    blocker = tmp_path / 'results'
    blocker.write_text('a file where a folder should be')
    start = time.monotonic()
    done = _run('demo/video_demo.py', 'missing-video.mp4', CONFIG,
                'missing.pth', '--out-csv', blocker / 'aus.csv')
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == (
        f'error: {blocker / "aus.csv"} (--out-csv): {blocker} is a file, '
        'not a folder.')
    assert 'Traceback' not in done.stderr
    # checked before the model or the input are even looked at
    assert time.monotonic() - start < 60
    done = _run('demo/image_demo.py', 'x.jpg', CONFIG, 'missing.pth',
                '--out-csv', tmp_path)
    assert done.returncode == 1 and 'is a folder; give a file name' in \
        done.stderr


@pytest.mark.slow
def test_ctrl_c_leaves_every_row_done_the_summary_and_the_video(
        tmp_path, checkpoint, long_video):  # noqa: F811
    path, landmarks = long_video
    out_csv, summary = tmp_path / 'aus.csv', tmp_path / 'faces.csv'
    drawn = tmp_path / 'new' / 'drawn.avi'  # its folder is made
    proc = subprocess.Popen(
        [sys.executable, 'demo/video_demo.py', str(path), CONFIG, checkpoint,
         '--landmarks', 'file', '--landmark-file', str(landmarks),
         '--out-csv', str(out_csv), '--out-summary', str(summary),
         '--out-video', str(drawn), '--batch-size', '4'],
        cwd=ROOT, env=tool_env(), stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True)
    # rows go to a file beside the CSV until the run ends
    partial = tmp_path / '.aus.partial.csv'
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and proc.poll() is None:
        if partial.exists() and len(partial.read_text().splitlines()) > 12:
            break
        time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert 'Traceback' not in stderr
    rows = _rows(out_csv)
    frames = [int(r['frame']) for r in rows]
    assert 12 <= len(rows) < 150
    # whole rows, one per frame done, in order, each with its AUs
    assert frames == list(range(len(rows)))
    assert all(r['status'] == 'ok' and r['AU26'] in '01' for r in rows)
    assert f'interrupted after frame {frames[-1]} of {path}' in stderr
    faces = _rows(summary)
    assert [(f['face_id'], f['frames']) for f in faces] == [
        ('0', str(len(rows)))]
    # closed and readable; Ctrl-C may land between a frame's drawing and
    # its rows
    capture = cv2.VideoCapture(str(drawn))
    drawn_frames = int(capture.get(cv2.CAP_PROP_FRAME_COUNT))
    assert len(rows) - 1 <= drawn_frames <= len(rows) + 1


def test_landmarks_outside_the_photo_give_no_scores_and_say_so(
        tmp_path, checkpoint):  # noqa: F811
    image, landmarks = _face_image(tmp_path)
    far = _landmark_file(tmp_path, (image, landmarks * 10))
    model = init_model(CONFIG, checkpoint)
    record, = FaceAUInferencer(
        model, dict(type='FileLandmarks', path=str(far)))(image)
    assert record.status == 'landmarks_outside_image'
    assert record.faces == []


def test_landmark_file_problems_are_named(tmp_path):
    from mmfau.faces import FileLandmarks
    broken = tmp_path / 'lm.json'
    broken.write_text('{"face0.png": [[1, 2], oops]}')
    with pytest.raises(ValueError, match=f'{broken}: not a readable '
                       'landmark file'):
        FileLandmarks(str(broken))
    image, landmarks = _face_image(tmp_path)
    full_paths = tmp_path / 'full.json'
    full_paths.write_text(json.dumps({image: landmarks.tolist()}))
    detector = FileLandmarks(str(full_paths))
    with pytest.warns(UserWarning, match="no landmarks for 'face0.png'.*"
                      "keys look like '/"):
        assert detector.detect_all([None], ['face0.png']) == [[]]
