"""The demos and the API on real photographs and videos (../shared, skipped
with a reason when absent). The checkpoint is an untrained model: these
tests check faces, ids, rows and files, not AU values."""
import csv

import numpy as np
import pytest
import torch

from mmfau.apis import FaceAUInferencer, init_model
from mmfau.deployment import (
    TOLERANCES,
    build_runtime,
    export_onnx,
    quantize_int8,
    sample_faces,
)

from ..test_tools.helpers import run_python
from .real_faces import (
    RETINAFACE,
    compose_crossing_video,
    compose_motion_video,
    image,
    needs_kit,
    video,
)
from .test_inference import CONFIG, checkpoint  # noqa: F401

pytestmark = [needs_kit, pytest.mark.slow]

RETINA = ['--face-detector', 'retinaface', '--face-detector-weights',
          RETINAFACE]


def _rows(path):
    with open(path) as f:
        return list(csv.DictReader(f))


def test_photographs_of_every_kind_numbered_per_photograph(
        tmp_path, checkpoint):  # noqa: F811
    photos = [image(name) for name in (
        'multi_face.jpg', 'BWPictureHuman.jpg', 'Image_with_alpha.png',
        'free-mountain-vector-01.jpg', 'single_face.jpg')]
    out = tmp_path / 'aus.csv'
    run_python('demo/image_demo.py', *photos, CONFIG, checkpoint,
               '--out-csv', out, *RETINA)
    rows = _rows(out)
    assert [r['input'] for r in rows][0] == photos[0]
    ids = {}
    for row in rows:
        ids.setdefault(row['input'], []).append(row['face_id'])
    # five people; ids restart in every photograph, never tracked across
    assert ids[photos[0]] == ['0', '1', '2', '3', '4']
    assert ids[photos[2]] == ['0']  # RGBA portrait
    assert ids[photos[4]] == ['0']
    assert ids[photos[1]][0] == '0'  # grayscale: the officer at least
    mountain = [r for r in rows if r['input'] == photos[3]]
    assert [(r['face'], r['AU12']) for r in mountain] == [('0', '')]


@pytest.mark.parametrize('name, frames, face_from, face_until', [
    ('face_noface.mov', 90, 0, 70),
    ('noface_face.mov', 120, 100, 119),
])
def test_quicktime_videos_with_and_without_a_face(
        tmp_path, checkpoint, name, frames, face_from, face_until):  # noqa
    out = tmp_path / 'aus.csv'
    run_python('demo/video_demo.py', video(name), CONFIG, checkpoint,
               '--out-csv', out, '--max-frames', frames)
    rows = _rows(out)
    assert [int(r['frame']) for r in rows] == list(range(frames))
    assert {r['input'] for r in rows} == {video(name)}
    with_face = {int(r['frame']) for r in rows if r['face'] == '1'}
    without = {int(r['frame']) for r in rows if r['face'] == '0'}
    # found within one detection interval (10 frames) of appearing, kept
    # while visible, and no phantom face where there is none
    assert not without & set(range(face_from + 10, face_until - 4))
    assert with_face <= set(range(face_from - 5, face_until + 6))
    assert without
    assert {r['face_id'] for r in rows if r['face'] == '1'} == {'0'}


def test_every_runtime_estimates_intensity_on_real_photographs(
        tmp_path, checkpoint):  # noqa: F811
    """The main job's model through each runtime: the model's intensity in
    every one, within the tolerance mmfau.deployment states, and in the
    CSV of the demo."""
    model = init_model(CONFIG, checkpoint)
    onnx = export_onnx(model, str(tmp_path / 'model.onnx'))
    int8 = quantize_int8(onnx, str(tmp_path / 'int8.onnx'),
                         *sample_faces(model, 'train', 32))
    photos = [image('single_face.jpg'), image('multi_face.jpg')]
    detector = dict(type='DlibLandmarkDetector',
                    face_detector=dict(type='RetinaFaceDetector',
                                       path=RETINAFACE))
    faces = {}
    for runtime, graph in (('pytorch', None), ('pytorch-bf16', None),
                           ('onnx', onnx), ('onnx-int8', int8)):
        inferencer = FaceAUInferencer(
            model, detector, runtime=build_runtime(runtime, model, graph))
        faces[runtime] = [face for frame in inferencer(photos)
                          for face in frame.faces]
    assert len(faces['pytorch']) == 6
    for runtime, found in faces.items():
        probabilities, intensity = TOLERANCES[runtime]
        for face, reference in zip(found, faces['pytorch']):
            assert face.intensity is not None, runtime
            np.testing.assert_allclose(face.intensity, reference.intensity,
                                       atol=intensity + 1e-5, err_msg=runtime)
            np.testing.assert_allclose(face.probabilities,
                                       reference.probabilities,
                                       atol=probabilities + 1e-6,
                                       err_msg=runtime)
    out = tmp_path / 'aus.csv'
    run_python('demo/image_demo.py', photos[0], CONFIG, checkpoint,
               '--out-csv', out, '--runtime', 'onnx-int8', '--onnx', int8,
               *RETINA)
    row, = _rows(out)
    assert float(row['AU12_intensity']) == pytest.approx(
        faces['pytorch'][0].intensity[7], abs=TOLERANCES['onnx-int8'][1])


def test_composed_video_of_crossing_people_has_no_id_switch(
        tmp_path, checkpoint):  # noqa: F811
    path = str(tmp_path / 'crossing.avi')
    truth = compose_crossing_video(path)
    inferencer = FaceAUInferencer(
        init_model(CONFIG, checkpoint),
        dict(type='DlibLandmarkDetector',
             face_detector=dict(type='RetinaFaceDetector', path=RETINAFACE)))
    ids = {0: set(), 1: set()}
    for frame, visible in zip(inferencer(path), truth['centres']):
        assert len(frame.faces) == len(visible)
        for face in frame.faces:
            centre = (face.box[:2] + face.box[2:]) / 2
            person = min(visible, key=lambda p: np.hypot(
                *(np.asarray(visible[p]) - centre)))
            ids[person].add(face.id)
    assert ids == {0: {0}, 1: {1}}  # the fast move and the miss included


def test_custom_converter_on_a_manifest_of_real_faces(tmp_path):
    from mmfau.datasets import FAUDataset
    rows = ['path,frame,subject,AU6,AU12,AU12_intensity',
            f'{image("single_face.jpg")},,s1,1,1,4',
            f'{image("Image_with_alpha.png")},,s2,0,,',
            f'{image("free-mountain-vector-01.jpg")},,s2,0,0,0',
            f'{image("multi_face.jpg")},,s2,1,1,2',
            f'{video("single_face.mp4")},0,s3,0,1,2',
            f'{video("single_face.mp4")},30,s3,1,1,3']
    manifest = tmp_path / 'manifest.csv'
    manifest.write_text('\n'.join(rows) + '\n')
    out = tmp_path / 'mydata'
    log = run_python('tools/dataset_converters/custom.py', manifest, '--out',
                     out, '--workers', 0, *RETINA)
    assert 'labelled frames read: 6' in log
    assert 'written (aligned, with landmarks): 5' in log
    assert 'without a face (not used): 1' in log  # the mountain
    # five people in one labelled photo: the largest face is converted
    assert 'with several faces (the largest converted, the labels taken ' \
        'as its): 1' in log
    assert 'multi_face.jpg: 5 faces, the largest taken' in (
        out / 'report.txt').read_text()
    assert 'aus = [6, 12]' in log
    dataset = FAUDataset(ann_file='annotations/{part}.json',
                         parts=['P1', 'P2', 'P3'], data_root=str(out),
                         data_prefix=dict(img_path='images'))
    assert len(dataset) == 5 and dataset.aus == [6, 12]
    entries = {(e['subject'], e['frame']): e
               for e in (dataset.get_data_info(i)
                         for i in range(len(dataset)))}
    assert entries[('s1', 0)]['au_intensities'].tolist() == [-1, 4]
    assert entries[('s2', 0)]['au_labels'].tolist() == [0, -1]
    assert entries[('s3', 30)]['au_labels'].tolist() == [1, 1]
    assert dataset.metainfo['face_geometry'] == dict(size=256,
                                                     face_scale=0.9)


@pytest.mark.parametrize('redetect_every', [1, 10])
def test_ids_survive_fast_moves_ducking_and_passing_behind(
        tmp_path, checkpoint, redetect_every):  # noqa: F811
    path = str(tmp_path / 'motion.avi')
    truth = compose_motion_video(path)
    inferencer = FaceAUInferencer(
        init_model(CONFIG, checkpoint),
        dict(type='DlibLandmarkDetector',
             face_detector=dict(type='RetinaFaceDetector', path=RETINAFACE)),
        redetect_every=redetect_every)
    ids = {0: set(), 1: set(), 2: set()}
    for frame, shown in zip(inferencer(path), truth['shown']):
        for face in frame.faces:
            centre = (face.box[:2] + face.box[2:]) / 2
            distances = {p: np.hypot(*(np.asarray(c) - centre))
                         for p, c in shown.items()}
            # no face is scored where nobody is (a followed box left on
            # the background after its person ducked away); a person
            # partly hidden behind another is somebody
            assert distances and min(distances.values()) < 60, \
                (frame.frame, face.box)
            ids[min(distances, key=distances.get)].add(face.id)
    # one id per person: through person 0's blurred jumps, person 1's
    # 20 frames out of the picture and person 2's walk behind person 0
    assert ids == {0: {0}, 1: {1}, 2: {2}}


@pytest.fixture(scope='module')
def calibrated_checkpoint(checkpoint, tmp_path_factory):  # noqa: F811
    """The untrained model's checkpoint with the population baseline a
    training run stores, measured on a few training faces."""
    from mmfau.engine.hooks import measure_baseline
    from mmfau.utils import read_checkpoint
    model = init_model(CONFIG, checkpoint)
    cfg = model.cfg
    baseline = measure_baseline(
        model, dict(cfg.train_dataloader.dataset, num_subjects=3,
                    frames_per_subject=4),
        cfg.test_dataloader.dataset.pipeline)
    stored = read_checkpoint(checkpoint)
    baseline.store_in(stored)
    path = tmp_path_factory.mktemp('calibrated') / 'model.pth'
    torch.save(stored, path)
    return str(path)


def test_calibration_on_real_videos_online_offline_and_a_late_person(
        tmp_path, calibrated_checkpoint):
    online = tmp_path / 'online.csv'
    run_python('demo/video_demo.py', video('single_face.mp4'), CONFIG,
               calibrated_checkpoint, '--out-csv', online, '--calibrate',
               'online', '--calibrate-after', 10, '--max-frames', 40)
    rows = _rows(online)
    assert sorted({int(r['frame']) for r in rows}) == list(range(40))
    faces = [r for r in rows if r['face'] == '1']
    assert len(faces) >= 30
    # each row says whether and from how many of the person's frames
    assert [r['calibrated'] for r in faces[:9]] == ['0'] * 9
    assert [int(r['calibration_frames']) for r in faces[9:12]] == [10, 11,
                                                                   12]
    assert all(r['AU12_prob_calibrated'] for r in faces[9:])
    assert all(r['AU12_prob'] for r in faces)  # the raw values stay
    # offline, a person who appears late: every one of their rows is
    # judged against all of their frames
    offline = tmp_path / 'offline.csv'
    run_python('demo/video_demo.py', video('noface_face.mov'), CONFIG,
               calibrated_checkpoint, '--out-csv', offline, '--calibrate',
               'offline', '--out-video', tmp_path / 'drawn.avi')
    rows = _rows(offline)
    faces = [r for r in rows if r['face'] == '1']
    assert int(faces[0]['frame']) >= 90  # the person appears late
    for face_id in {r['face_id'] for r in faces}:
        own = [r for r in faces if r['face_id'] == face_id]
        assert {(r['calibrated'], r['calibration_frames']) for r in own} \
            == {('1', str(len(own)))}
    assert all(r['calibrated'] == '' for r in rows if r['face'] == '0')
    # the drawn video is drawn in a second pass: every frame
    import cv2
    drawn = cv2.VideoCapture(str(tmp_path / 'drawn.avi'))
    assert int(drawn.get(cv2.CAP_PROP_FRAME_COUNT)) == len(rows)
