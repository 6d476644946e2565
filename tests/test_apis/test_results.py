"""The inference CSV rows and the per-face summary."""
import numpy as np

from mmfau.apis import csv_columns, results_to_rows, summarize_faces
from mmfau.structures import FaceResult, FrameResult


def _face(face_id, scores, present, **extra):
    return FaceResult(face_id, np.array([1., 2., 3., 4.]), 0.9,
                      np.zeros((68, 2)), probabilities=np.array(scores),
                      present=np.array(present), **extra)


def _frame(input, frame, time, faces):
    return FrameResult(input, 'video', frame, time,
                       'ok' if faces else 'no_face', faces)


def test_rows_name_their_input_and_keep_frames_without_faces():
    frames = [
        _frame('v.mp4', 0, 0.0, [_face(0, [0.2, 0.8], [False, True])]),
        _frame('v.mp4', 1, 0.04, []),
    ]
    rows = list(results_to_rows(frames, ['AU1', 'AU2']))
    assert [(r['input'], r['frame'], r['face']) for r in rows] == [
        ('v.mp4', 0, 1), ('v.mp4', 1, 0)]
    assert rows[0]['AU2'] == 1 and rows[0]['AU1_prob'] == '0.2000'
    assert rows[1]['AU2'] == '' and 'AU1_intensity' not in rows[0]
    with_intensity = [_frame('v.mp4', 0, 0.0, [
        _face(0, [0.2, 0.8], [False, True], intensity=np.array([0.5, 2.25]))
    ])]
    row, = results_to_rows(with_intensity, ['AU1', 'AU2'])
    assert row['AU2_intensity'] == '2.250'
    assert csv_columns(['AU1'], intensity=True)[-1] == 'AU1_intensity'


def test_summary_per_person_and_input():
    frames = [
        _frame('a.mp4', t, t / 10, [
            _face(0, [0.9, 0.1], [True, False]),
            _face(1, [0.2, 0.6], [False, t < 2]),
        ]) for t in range(4)
    ]
    first, second = summarize_faces(frames, ['AU1', 'AU2'])
    assert (first['face_id'], first['frames']) == (0, 4)
    assert first['AU1_present_share'] == '1.0000'
    assert second['AU2_present_share'] == '0.5000'
    assert second['AU2_mean_prob'] == '0.6000'
    assert (first['first_time'], first['last_time']) == ('0.000', '0.300')
