"""What a user already has is never destroyed: no output is opened onto an
input, an output is replaced whole or kept, two runs never write one file,
one bad input among many costs only its own row, and options are refused
where they are parsed."""
import json
import os
import signal
import subprocess
import sys
import time

import cv2
import numpy as np
import pytest
from PIL import Image

from ..test_tools.forked_script import ROOT, run_script_forked, tool_env
from .test_inference import CONFIG, _face_image, checkpoint  # noqa: F401
from .test_nothing_lost import _rows, long_video  # noqa: F401


def _run(script, *args, timeout=300):
    return run_script_forked(script, args, ROOT, tool_env(), timeout)


def _refused(done, message):
    """The run ended before any work with one line saying ``message``."""
    assert done.returncode in (1, 2), done.stderr
    assert done.stderr.strip().splitlines()[-1] == f'error: {message}', \
        done.stderr
    assert 'Traceback' not in done.stderr


def test_no_output_is_opened_onto_an_input(tmp_path):
    video = tmp_path / 'clip.avi'
    video.write_bytes(b'the only copy of my recording')
    link = tmp_path / 'link.csv'
    link.symlink_to(video)
    photos = tmp_path / 'photos'
    photos.mkdir()
    photo = photos / 'me.jpg'
    photo.write_bytes(b'my only photo')
    for option, path in (('--out-csv', video), ('--out-csv', link),
                         ('--out-video', video),
                         ('--out-summary', CONFIG)):
        _refused(_run('demo/video_demo.py', video, CONFIG, 'model.pth',
                      option, path),
                 f'{path} ({option}) is one of the inputs ('
                 f'{CONFIG if path == CONFIG else video}); writing it would '
                 'destroy it: choose another file.')
    _refused(_run('demo/image_demo.py', photos, CONFIG, 'model.pth',
                  '--out-csv', photo),
             f'{photo} (--out-csv) is one of the inputs ({photo}); writing '
             'it would destroy it: choose another file.')
    _refused(_run('demo/image_demo.py', photos, CONFIG, 'model.pth',
                  '--out-dir', photos),
             f'{photos} (--out-dir) is an input folder: the drawn faces '
             'would be read as photographs by the next run; choose another '
             'folder.')
    out = tmp_path / 'aus.csv'
    _refused(_run('demo/video_demo.py', video, CONFIG, 'model.pth',
                  '--out-csv', out, '--out-summary', out),
             f'{out}: named by both --out-csv and --out-summary; give each '
             'output its own file.')
    assert video.read_bytes() == b'the only copy of my recording'
    assert photo.read_bytes() == b'my only photo'


def test_options_are_refused_where_they_are_parsed(tmp_path):
    for value in ('0', '-1', '1000000000', 'many'):
        done = _run('demo/video_demo.py', 'v.mp4', CONFIG, 'model.pth',
                    '--batch-size', value)
        assert done.returncode == 2
        error, = done.stderr.strip().splitlines()
        assert error.startswith(f'error: argument --batch-size: {value}')
    done = _run('demo/video_demo.py', '--camera', '-1', CONFIG, 'model.pth')
    assert done.stderr.strip() == ('error: argument --camera: -1: camera '
                                   'indices start at 0 (the first camera)')
    # the video format, and the real frame size, before the first frame
    tiny = tmp_path / 'tiny.png'
    cv2.imwrite(str(tiny), np.zeros((1, 1, 3), np.uint8))
    _refused(_run('demo/video_demo.py', tiny, CONFIG, 'model.pth',
                  '--out-csv', tmp_path / 'aus.csv', '--out-video',
                  tmp_path / 'x.xyz'),
             f'{tmp_path / "x.xyz"} (--out-video): .xyz is not a video '
             'format mmfau writes; use .mp4 or .avi.')
    _refused(_run('demo/video_demo.py', tiny, CONFIG, 'model.pth',
                  '--out-csv', tmp_path / 'aus.csv', '--out-video',
                  tmp_path / 'x.mp4'),
             f'{tmp_path / "x.mp4"} (--out-video): OpenCV\'s mp4v encoder '
             'cannot write 1x1 frames there (too small for it, or the '
             'folder is not writable); try the other format of .mp4 and '
             '.avi.')
    assert sorted(os.listdir(tmp_path)) == ['tiny.png']


def test_a_run_that_fails_early_leaves_the_earlier_csv_as_it_was(
        tmp_path):
    out = tmp_path / 'aus.csv'
    earlier = 'frame,AU12\n' + ''.join(f'{t},1\n' for t in range(15))
    out.write_text(earlier)
    image, _ = _face_image(tmp_path)
    done = _run('demo/image_demo.py', image, CONFIG, tmp_path / 'none.pth',
                '--out-csv', out)
    assert done.returncode == 1 and 'none.pth does not exist' in done.stderr
    assert out.read_text() == earlier
    assert sorted(os.listdir(tmp_path)) == ['aus.csv', 'face0.png']


@pytest.mark.slow
def test_every_input_checked_one_bad_costs_its_own_row(
        tmp_path, checkpoint):  # noqa: F811
    """A missing path, a link loop and an animated GIF among photographs;
    a landmark file without some frames."""
    folder = tmp_path / 'photos'
    folder.mkdir()
    (image, landmarks), (other, _) = (_face_image(folder, seed)
                                      for seed in (0, 1))
    (folder / 'loop.jpg').symlink_to('loop.jpg')
    face = cv2.imread(image)[..., ::-1]
    gif = folder / 'nod.gif'
    frames = [Image.fromarray(face), Image.fromarray(face[:, ::-1])]
    frames[0].save(gif, save_all=True, append_images=frames[1:],
                   duration=200)
    file = tmp_path / 'landmarks.json'
    file.write_text(json.dumps({
        'face0.png': [landmarks.tolist()],
        'nod.gif/0': [landmarks.tolist()]}))
    out = tmp_path / 'aus.csv'
    out.write_text('an earlier run\n')
    done = _run('demo/image_demo.py', folder, tmp_path / 'missing.jpg',
                CONFIG, checkpoint, '--landmarks', 'file', '--landmark-file',
                file, '--out-csv', out)
    assert done.returncode == 3, done.stderr
    assert 'Traceback' not in done.stderr
    rows = _rows(out)
    assert [(os.path.basename(r['input']), r['frame'], r['status'])
            for r in rows] == [
        ('face0.png', '0', 'ok'), ('face1.png', '0', 'no_landmarks'),
        ('loop.jpg', '0', 'link_loop'), ('nod.gif', '0', 'ok'),
        ('nod.gif', '1', 'no_landmarks'), ('missing.jpg', '0', 'missing')]
    assert rows[0]['AU12_prob'] and rows[3]['AU12_prob']
    errors = done.stderr
    assert f'warning: {folder / "loop.jpg"}: a symbolic link loop' in errors
    assert f'warning: {tmp_path / "missing.jpg"}: no such file' in errors
    # frames without landmarks: one line per input, with their count
    assert f'warning: {other}: 1 frame(s) have no landmarks' in errors
    assert f'warning: {gif}: 1 frame(s) have no landmarks' in errors
    assert not list(tmp_path.glob('.*partial*'))
    # a video that opens with no frame: its own status, and the plot asked
    # for is said not to be drawn
    empty = tmp_path / 'empty.avi'
    cv2.VideoWriter(str(empty), cv2.VideoWriter_fourcc(*'MJPG'), 25,
                    (64, 64)).release()
    done = _run('demo/video_demo.py', empty, CONFIG, checkpoint, '--out-csv',
                out, '--summary-plot', tmp_path / 'faces.png')
    assert done.returncode == 3
    assert [r['status'] for r in _rows(out)] == ['empty']
    assert 'warning: no face in any frame; --summary-plot and --heatmap ' \
        'not drawn' in done.stderr


@pytest.mark.slow
def test_two_runs_on_one_csv_never_interleave(
        tmp_path, checkpoint, long_video):  # noqa: F811
    path, landmarks = long_video
    out = tmp_path / 'aus.csv'
    args = [str(path), CONFIG, checkpoint, '--landmarks', 'file',
            '--landmark-file', str(landmarks), '--out-csv', str(out),
            '--batch-size', '4']
    first = subprocess.Popen([sys.executable, 'demo/video_demo.py', *args],
                             cwd=ROOT, env=tool_env(),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    lock = tmp_path / '.aus.csv.lock'
    deadline = time.monotonic() + 120
    while not lock.exists() and first.poll() is None and \
            time.monotonic() < deadline:
        time.sleep(0.05)
    second = _run('demo/video_demo.py', *args)
    _, stderr = first.communicate(timeout=300)
    assert first.returncode == 0, stderr
    _refused(second, f'{out} (--out-csv): another run (process '
             f'{first.pid}) is writing it; wait for it to end or choose '
             'another file.')
    rows = _rows(out)
    assert [int(r['frame']) for r in rows] == list(range(150))
    assert not lock.exists() and not list(tmp_path.glob('.*partial*'))


@pytest.mark.slow
def test_a_second_ctrl_c_stops_at_once_and_still_writes_everything(
        tmp_path, checkpoint, long_video):  # noqa: F811
    path, landmarks = long_video
    out, plot = tmp_path / 'aus.csv', tmp_path / 'faces.png'
    heatmap = tmp_path / 'heat.png'
    proc = subprocess.Popen(
        [sys.executable, 'demo/video_demo.py', str(path), CONFIG, checkpoint,
         '--landmarks', 'file', '--landmark-file', str(landmarks),
         '--out-csv', str(out), '--summary-plot', str(plot), '--heatmap',
         str(heatmap), '--min-frames', '1', '--batch-size', '8'],
        cwd=ROOT, env=tool_env(), stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    partial = tmp_path / '.aus.partial.csv'
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and proc.poll() is None and not (
            partial.exists() and len(partial.read_text().splitlines()) > 8):
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    time.sleep(0.01)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert 'Traceback' not in stderr
    rows = _rows(out)
    # every frame scored is kept: whole batches of 8
    assert [int(r['frame']) for r in rows] == list(range(len(rows)))
    assert 8 <= len(rows) < 150 and len(rows) % 8 == 0
    assert cv2.imread(str(plot)) is not None
    assert cv2.imread(str(tmp_path / 'heat_face0.png')) is not None
