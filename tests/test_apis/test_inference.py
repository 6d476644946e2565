"""The inference API and both demos on generated faces and videos."""
import csv
import json
import os.path as osp

import cv2
import numpy as np
import pytest
import torch
from mmengine.config import Config

from mmfau.apis import FaceAUInferencer, init_model
from mmfau.datasets import SyntheticFaceDataset
from mmfau.datasets.synthetic import write_synthetic_video
from mmfau.registry import DATASETS, MODELS

from ..test_tools.helpers import ROOT, run_python

CONFIG = osp.join(ROOT, 'configs', 'fau', 'full_synthetic.py')
AUS = ['AU1', 'AU2', 'AU4', 'AU6', 'AU7', 'AU9', 'AU10', 'AU12', 'AU14',
       'AU15', 'AU17', 'AU23', 'AU24', 'AU25', 'AU26']


def _checkpoint(path, config=CONFIG):
    """Save a randomly initialised model of ``config`` as a checkpoint, with
    the dataset meta that a training run stores."""
    torch.manual_seed(0)
    cfg = Config.fromfile(config)
    model = MODELS.build(cfg.model)
    meta = DATASETS.build(
        dict(cfg.train_dataloader.dataset, num_subjects=3,
             frames_per_subject=1)).metainfo
    torch.save(
        dict(state_dict=model.state_dict(), meta=dict(dataset_meta=meta)),
        path)
    return str(path)


@pytest.fixture(scope='module')
def checkpoint(tmp_path_factory):
    return _checkpoint(tmp_path_factory.mktemp('ckpt') / 'model.pth')


@pytest.fixture(scope='module')
def video(tmp_path_factory):
    """Two people, 12 frames, frames 4 and 5 without anyone."""
    folder = tmp_path_factory.mktemp('video')
    path = str(folder / 'people.avi')
    truth = write_synthetic_video(path, num_frames=12, num_faces=2,
                                  face_size=160, blank_frames=(4, 5), seed=1)
    landmarks = {
        f'people.avi/{t}': [p.tolist() for p in faces] or None
        for t, faces in enumerate(truth['landmarks'])
    }
    landmark_file = folder / 'landmarks.json'
    landmark_file.write_text(json.dumps(landmarks))
    return path, str(landmark_file)


def _face_image(folder, seed=0):
    dataset = SyntheticFaceDataset(parts=('P1', ), num_subjects=3,
                                   frames_per_subject=1, image_size=256,
                                   seed=seed)
    info = dataset.get_data_info(0)
    path = str(folder / f'face{seed}.png')
    cv2.imwrite(path, info['img'])
    return path, info['landmarks']


def test_api_returns_every_face_with_its_aus(tmp_path, checkpoint, video):
    path, landmark_file = video
    model = init_model(CONFIG, checkpoint)
    inferencer = FaceAUInferencer(
        model, dict(type='FileLandmarks', path=landmark_file), batch_size=5)
    frames = inferencer(path, return_crops=True)
    assert [f.frame for f in frames] == list(range(12))
    assert [len(f.faces) for f in frames] == [2] * 4 + [0, 0] + [2] * 6
    face = frames[0].faces[0]
    assert face.probabilities.shape == (15, ) and face.present.dtype == bool
    assert ((face.probabilities >= 0) & (face.probabilities <= 1)).all()
    assert face.region_boxes.shape == (8, 4)
    assert face.landmarks.shape == (68, 2)
    assert face.crop.shape == (128, 128, 3)
    np.testing.assert_array_equal(face.present, face.probabilities >= 0.5)
    # each person keeps one id, also across the faceless frames
    side = {}
    for frame in frames:
        for f in frame.faces:
            assert side.setdefault(f.id, f.box[0] < 160) == (
                f.box[0] < 160)
    assert sorted(side) == [0, 1] and side[0] != side[1]
    assert frames[0].time == 0 and frames[1].time > 0


def test_api_takes_arrays_and_lists_and_batches_consistently(
        tmp_path, checkpoint):
    image_path, landmarks = _face_image(tmp_path)
    lm_file = tmp_path / 'lm.json'
    lm_file.write_text(json.dumps({
        key: landmarks.tolist()
        for key in ('face0.png', 'array:0', 'array:1')
    }))
    model = init_model(CONFIG, checkpoint)
    detector = dict(type='FileLandmarks', path=str(lm_file))
    one = FaceAUInferencer(model, detector, batch_size=1)
    many = FaceAUInferencer(model, detector, batch_size=8)
    image = cv2.imread(image_path)
    from_path = one(image_path)[0].faces[0].probabilities
    from_array = one(image)[0].faces[0].probabilities
    listed = many([image_path, image, image_path])
    np.testing.assert_allclose(from_path, from_array, atol=1e-5)
    for frame in listed:
        np.testing.assert_allclose(frame.faces[0].probabilities, from_path,
                                   atol=1e-5)


@pytest.mark.slow
def test_image_demo_writes_one_row_per_face_and_image(tmp_path, checkpoint):
    face, landmarks = _face_image(tmp_path)
    blank = str(tmp_path / 'wall.png')
    cv2.imwrite(blank, np.full((200, 200, 3), 128, np.uint8))
    lm_file = tmp_path / 'lm.json'
    # the wall has an entry without a face: looked at, no face found
    lm_file.write_text(json.dumps({'face0.png': landmarks.tolist(),
                                   'wall.png': None}))
    out_csv = tmp_path / 'aus.csv'
    run_python('demo/image_demo.py', face, blank, CONFIG, checkpoint,
               '--out-csv', out_csv, '--out-dir', tmp_path / 'drawn',
               '--landmarks', 'file', '--landmark-file', lm_file)
    with open(out_csv) as f:
        reader = csv.DictReader(f)
        rows = list(reader)
    assert reader.fieldnames == (
        ['input', 'frame', 'time', 'status', 'face_id', 'face', 'x1', 'y1',
         'x2', 'y2', 'face_score'] + [f'{a}_prob' for a in AUS] + AUS +
        [f'{a}_intensity' for a in AUS])  # the main job estimates them
    assert [(r['input'], r['frame'], r['status'], r['face'])
            for r in rows] == [(face, '0', 'ok', '1'),
                               (blank, '0', 'no_face', '0')]
    assert rows[1]['AU12_prob'] == '' and rows[1]['AU12'] == ''
    assert 0 <= float(rows[0]['AU12_prob']) <= 1
    assert 0 <= float(rows[0]['AU12_intensity']) <= 5
    drawn = cv2.imread(str(tmp_path / 'drawn' / 'face0_face0.png'))
    assert drawn is not None and drawn.shape[1] > drawn.shape[0]


@pytest.mark.slow
def test_video_demo_csv_summary_video_and_pictures(tmp_path, checkpoint,
                                                  video):
    path, landmark_file = video
    out_csv = tmp_path / 'aus.csv'
    log = run_python('demo/video_demo.py', path, CONFIG, checkpoint,
                     '--out-csv', out_csv, '--out-video',
                     tmp_path / 'drawn.avi', '--heatmap',
                     tmp_path / 'heatmap.png', '--out-summary',
                     tmp_path / 'faces.csv', '--summary-plot',
                     tmp_path / 'faces.png', '--landmarks', 'file',
                     '--landmark-file', landmark_file, '--batch-size', 4)
    assert '22 rows for 12 frames' in log
    with open(tmp_path / 'faces.csv') as f:
        summary = list(csv.DictReader(f))
    assert [(r['face_id'], r['frames']) for r in summary] == [('0', '10'),
                                                              ('1', '10')]
    for face in ('0', '1'):
        assert cv2.imread(str(tmp_path / f'heatmap_face{face}.png')) \
            is not None
    assert cv2.imread(str(tmp_path / 'faces.png')) is not None
    with open(out_csv) as f:
        rows = list(csv.DictReader(f))
    per_frame = {}
    for row in rows:
        per_frame.setdefault(int(row['frame']), []).append(row)
    assert sorted(per_frame) == list(range(12))
    for frame, frame_rows in per_frame.items():
        if frame in (4, 5):
            assert [r['face'] for r in frame_rows] == ['0']
        else:
            assert sorted(r['face_id'] for r in frame_rows) == ['0', '1']
    capture = cv2.VideoCapture(str(tmp_path / 'drawn.avi'))
    assert int(capture.get(cv2.CAP_PROP_FRAME_COUNT)) == 12


@pytest.mark.slow
def test_unreadable_input_and_foreign_checkpoint_are_named(
        tmp_path, checkpoint):
    broken = tmp_path / 'broken.jpg'
    broken.write_bytes(b'not an image')
    model = init_model(CONFIG, checkpoint)
    inferencer = FaceAUInferencer(model, dict(type='DlibLandmarkDetector'))
    # a bad input becomes its own record, never an end to the others'
    record, = inferencer(str(broken))
    assert record.status == 'unreadable' and not record.faces
    assert f'{broken}: not readable' in record.message
    gone, = inferencer(str(tmp_path / 'gone.mp4'))
    assert gone.status == 'missing' and not gone.faces
    assert gone.message == f'{tmp_path / "gone.mp4"}: no such file or ' \
        'folder; not read.'
    # a chin far below the rest of the face: its region leaves the crop
    image_path, landmarks = _face_image(tmp_path)
    landmarks[[6, 7, 8, 9, 10, 57], 1] += 400
    lm_file = tmp_path / 'lm.json'
    lm_file.write_text(json.dumps({'face0.png': landmarks.tolist()}))
    with pytest.raises(ValueError, match=r'face0.png \(frame 0, face 0\): '
                       r'judgment region\(s\) \[8\] lie outside'):
        FaceAUInferencer(model, dict(type='FileLandmarks',
                                     path=str(lm_file)))(image_path)
    other = _checkpoint(
        tmp_path / 'crm.pth',
        osp.join(ROOT, 'configs', 'fau', 'crm_synthetic_f1.py'))
    with pytest.raises(ValueError, match=r'crm.pth does not match'):
        init_model(CONFIG, other)
    out = run_python('demo/image_demo.py', str(broken), CONFIG, checkpoint,
                     '--out-csv', tmp_path / 'aus.csv', succeed=False)
    assert 'warning: ' + str(broken) + ': not readable: OpenCV decodes it' \
        in out
    assert 'Traceback' not in out


def test_following_faces_between_detections_keeps_landmarks_on_them(
        tmp_path):
    """dlib with detection every 5th frame stays as close to the true
    landmarks as detecting in every frame (no drift)."""
    path = str(tmp_path / 'one.avi')
    truth = write_synthetic_video(path, num_frames=15, num_faces=1,
                                  face_size=256, seed=5)
    model = init_model(CONFIG, _checkpoint(tmp_path / 'm.pth'))
    errors = {}
    for every in (1, 5):
        frames = FaceAUInferencer(
            model, dict(type='DlibLandmarkDetector'),
            redetect_every=every)(path)
        errors[every] = [
            np.abs(f.faces[0].landmarks -
                   truth['landmarks'][t][0]).mean()
            for t, f in enumerate(frames) if f.faces
        ]
    assert len(errors[5]) >= len(errors[1]) > 0
    assert np.mean(errors[5]) < np.mean(errors[1]) + 1.0


def test_an_onnx_runtime_gives_the_models_results(tmp_path, checkpoint,
                                                  video):
    from mmfau.deployment import build_runtime
    path, landmark_file = video
    model = init_model(CONFIG, checkpoint)
    detector = dict(type='FileLandmarks', path=landmark_file)
    runtime = build_runtime('onnx', model, str(tmp_path / 'm.onnx'))
    assert (tmp_path / 'm.onnx').exists()  # exported when missing
    reference = FaceAUInferencer(model, detector)(path)
    fast = FaceAUInferencer(model, detector, runtime=runtime)(path)
    for a, b in zip(reference, fast):
        for face_a, face_b in zip(a.faces, b.faces):
            np.testing.assert_allclose(face_a.probabilities,
                                       face_b.probabilities, atol=1e-4)
            np.testing.assert_allclose(face_a.intensity, face_b.intensity,
                                       atol=1e-3)
            np.testing.assert_array_equal(face_a.present, face_b.present)
    with pytest.raises(FileNotFoundError, match='pytorch2onnx.py'):
        build_runtime('onnx-int8', model, str(tmp_path / 'none.onnx'))


def test_videos_given_together_are_read_as_each_alone(tmp_path):
    """Each video of one call keeps its own face finder and tracker to its
    last frame: the last, partial batch of the first video is followed
    from its earlier frames (not detected afresh), as when it is alone
    (a batch of 5, a detection every 7th frame: frame 10 is followed)."""
    paths = []
    for seed in (5, 6):
        paths.append(str(tmp_path / f'one{seed}.avi'))
        write_synthetic_video(paths[-1], num_frames=12, num_faces=1,
                              face_size=256, seed=seed)
    model = init_model(CONFIG, _checkpoint(tmp_path / 'm.pth'))
    inferencer = FaceAUInferencer(model, dict(type='DlibLandmarkDetector'),
                                  batch_size=5, redetect_every=7)
    alone = [frame for path in paths for frame in inferencer(path)]
    together = inferencer(paths)
    assert [(f.input, f.frame) for f in together] == \
        [(f.input, f.frame) for f in alone]
    for one, both in zip(alone, together):
        assert [f.id for f in both.faces] == [f.id for f in one.faces]
        for face, same in zip(both.faces, one.faces):
            np.testing.assert_allclose(face.landmarks, same.landmarks)
            np.testing.assert_allclose(face.probabilities,
                                       same.probabilities, atol=1e-5)
