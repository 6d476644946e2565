"""Each person's results judged against that person's own baseline."""
import numpy as np
import pytest

from mmfau.apis import csv_columns, frame_rows
from mmfau.calibration import (
    PersonCalibration,
    PopulationBaseline,
    probability_logits,
)
from mmfau.structures import FaceResult, FrameResult

AUS = ['AU1', 'AU12']
THRESHOLD = np.array([0.5, 0.5], np.float32)


def _frame(index, faces, source='clip.mp4', kind='video'):
    """A frame whose faces are (id, logits, intensity) triples."""
    results = []
    for face_id, logits, intensity in faces:
        probabilities = 1 / (1 + np.exp(-np.asarray(logits, np.float64)))
        results.append(FaceResult(
            face_id, np.zeros(4), 0.9, np.zeros((68, 2)),
            probabilities=probabilities.astype(np.float32),
            present=probabilities >= THRESHOLD, threshold=THRESHOLD,
            intensity=np.asarray(intensity, np.float32)))
    return FrameResult(source, kind, index, index / 30, 'ok', results)


def _baseline():
    """The population: both AUs clearly absent in a tenth of the frames."""
    return PopulationBaseline(0.1, np.full(2, -3.0), np.full(2, -3.0), 12)


def test_the_population_baseline_is_the_median_subjects_quantile():
    rng = np.random.default_rng(0)
    subjects = {f'S{i}': (rng.normal(i, 1, (200, 2)), None)
                for i in range(5)}
    baseline = PopulationBaseline.measure(subjects, quantile=0.1)
    expected = np.quantile(subjects['S2'][0], 0.1, axis=0)
    np.testing.assert_allclose(baseline.logits, expected)
    assert baseline.intensity is None and baseline.subjects == 5
    stored = PopulationBaseline.from_meta(
        {'calibration_baseline': baseline.to_meta()})
    np.testing.assert_allclose(stored.logits, baseline.logits)
    assert PopulationBaseline.from_meta({'aus': [1]}) is None


def test_offline_a_resting_bias_is_taken_away_from_that_person_alone():
    # person 0's AU12 rests 3 logits high (lip corners that rest up): seen
    # as present in every frame; person 1 rests as the population does
    rng = np.random.default_rng(1)
    frames = []
    for t in range(120):
        smile = 4.0 if 40 <= t < 60 else 0.0
        frames.append(_frame(t, [
            (0, [-3 + rng.normal(0, 0.1), 3 + smile + rng.normal(0, 0.1)],
             [0.2, 2.5]),
            (1, [-3 + rng.normal(0, 0.1), -1 + smile + rng.normal(0, 0.1)],
             [0.2, 0.3])]))
    calibration = PersonCalibration(_baseline(), THRESHOLD, 'offline')
    calibration.offline(frames)
    raw = np.array([f.faces[0].present[1] for f in frames])
    calibrated = np.array([f.faces[0].calibrated.present[1]
                           for f in frames])
    assert raw.all()  # present at rest: the bias
    # judged against the person's own face, AU12 is there when they smile
    np.testing.assert_array_equal(np.flatnonzero(calibrated),
                                  np.arange(40, 60))
    assert all(f.faces[0].calibrated.frames == 120 for f in frames)
    # the shift is the person's 10th percentile against the population's,
    # weighted by 120 / (120 + 60) frames
    logits = np.array([probability_logits(f.faces[0].probabilities)
                       for f in frames])
    shift = (np.quantile(logits, 0.1, axis=0) + 3) * 120 / 180
    np.testing.assert_allclose(
        probability_logits(frames[0].faces[0].calibrated.probabilities),
        logits[0] - shift, atol=1e-4)
    # intensity moves the same way, and stays on the 0-5 scale
    assert frames[0].faces[0].calibrated.intensity[1] < 2.5
    assert (frames[0].faces[0].calibrated.intensity >= 0).all()
    # person 1's calibration is its own: smiles only where it smiles
    other = [f.faces[1].calibrated.present[1] for f in frames]
    assert np.flatnonzero(other).tolist() == list(range(40, 60))


def test_online_calibrates_each_person_from_its_own_frames_on():
    calibration = PersonCalibration(_baseline(), THRESHOLD, 'online',
                                    min_frames=10)
    frames = []
    for t in range(40):
        # person 1 appears late, at frame 25
        faces = [(0, [2.0, -2.0], [1.0, 0.0])]
        if t >= 25:
            faces.append((1, [-2.0, 2.0], [0.0, 1.0]))
        frame = _frame(t, faces)
        calibration.online(frame)
        frames.append(frame)
    first = [f.faces[0].calibrated for f in frames]
    assert all(c is None for c in first[:9])
    assert [c.frames for c in first[9:12]] == [10, 11, 12]
    late = [f.faces[1].calibrated for f in frames[25:]]
    assert all(c is None for c in late[:9])
    assert late[9].frames == 10  # its 10th frame, the video's 35th
    # a photograph says nothing of a person's usual face
    photo = _frame(0, [(0, [2.0, 2.0], [1.0, 1.0])], 'me.jpg', 'image')
    calibration.online(photo)
    calibration.offline([photo])
    assert photo.faces[0].calibrated is None


def test_online_each_input_and_each_reading_starts_afresh():
    calibration = PersonCalibration(_baseline(), THRESHOLD, 'online',
                                    min_frames=3)

    def video(name):
        return [_frame(t, [(0, [2.0, -2.0], [1.0, 0.0])], name)
                for t in range(4)]

    def frames_counted(frames):
        return [f.faces[0].calibrated and f.faces[0].calibrated.frames
                for f in calibration.stream(frames)]

    # person 0 of b.mp4 is not person 0 of a.mp4
    assert frames_counted(video('a.mp4') + video('b.mp4')) == [
        None, None, 3, 4, None, None, 3, 4]
    # the same video read again is not its own history
    assert frames_counted(video('a.mp4')) == [None, None, 3, 4]


def test_the_csv_carries_the_raw_and_the_calibrated_values_side_by_side():
    calibration = PersonCalibration(_baseline(), THRESHOLD, 'online',
                                    min_frames=2)
    frames = [_frame(t, [(0, [1.0, -1.0], [1.0, 0.5])]) for t in range(3)]
    for frame in frames:
        calibration.online(frame)
    columns = csv_columns(AUS, intensity=True, calibrated=True)
    assert columns[-8:] == [
        'calibrated', 'calibration_frames', 'AU1_prob_calibrated',
        'AU12_prob_calibrated', 'AU1_calibrated', 'AU12_calibrated',
        'AU1_intensity_calibrated', 'AU12_intensity_calibrated']
    first, second = (frame_rows(f, AUS, columns)[0] for f in frames[:2])
    assert (first['calibrated'], first['calibration_frames']) == (0, 0)
    assert first['AU1_prob_calibrated'] == ''
    assert (second['calibrated'], second['calibration_frames']) == (1, 2)
    assert second['AU1_prob'] == first['AU1_prob']  # the raw ones stay
    assert float(second['AU1_prob_calibrated']) < float(second['AU1_prob'])
    assert 'calibrated' not in csv_columns(AUS)


def test_bad_settings_are_named():
    with pytest.raises(ValueError, match="'offline', 'online'"):
        PersonCalibration(_baseline(), THRESHOLD, 'weekly')
    with pytest.raises(ValueError, match='min_frames <= window'):
        PersonCalibration(_baseline(), THRESHOLD, 'online', 50, window=10)
