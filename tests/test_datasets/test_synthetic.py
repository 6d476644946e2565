import numpy as np
import pytest

from mmfau.datasets import SyntheticFaceDataset


def _dataset(**kwargs):
    args = dict(num_subjects=6, frames_per_subject=40, image_size=96, seed=1)
    args.update(kwargs)
    return SyntheticFaceDataset(**args)


def test_parts_are_subject_disjoint_and_cover_everyone():
    parts = [_dataset(parts=(p, )) for p in ('P1', 'P2', 'P3')]
    subjects = [{d.get_data_info(i)['subject']
                 for i in range(len(d))} for d in parts]
    assert all(len(s) == 2 for s in subjects)
    assert not (subjects[0] & subjects[1]) and not (subjects[1] & subjects[2])
    everyone = _dataset(parts=('P1', 'P2', 'P3'))
    assert len(everyone) == sum(len(d) for d in parts)
    # parts are named as BP4D's and DISFA's are, never numbered
    with pytest.raises(ValueError, match=r"subset of \['P1', 'P2', 'P3'\], "
                       r'got \(1, 2\)'):
        _dataset(parts=(1, 2))


def test_deterministic_from_the_seed():
    a, b = _dataset(parts=('P1', )), _dataset(parts=('P1', ))
    np.testing.assert_array_equal(a.get_data_info(5)['img'],
                                  b.get_data_info(5)['img'])
    np.testing.assert_array_equal(a.get_label_matrix(), b.get_label_matrix())
    c = _dataset(parts=('P1', ), seed=2)
    assert not np.array_equal(a.get_data_info(5)['img'],
                              c.get_data_info(5)['img'])


def test_landmarks_lie_on_the_drawn_face():
    dataset = _dataset(parts=('P1', ))
    info = dataset.get_data_info(0)
    img, landmarks = info['img'], info['landmarks']
    assert img.shape == (96, 96, 3) and landmarks.shape == (68, 2)
    assert (landmarks > 0).all() and (landmarks < 96).all()
    # the nose tip lies on skin, whose colour differs from the background
    nose = img[int(landmarks[30, 1]), int(landmarks[30, 0])].astype(int)
    corner = img[1, 1].astype(int)
    assert np.abs(nose - corner).sum() > 20


@pytest.mark.parametrize('base_rates, least', [(False, 0.25), (True, 0.12)])
def test_aus_co_occur_like_real_expressions(base_rates, least):
    # BP4D's rates make AUs 6, 7, 10, 12, 14 frequent outside their
    # episodes too, which weakens (but keeps) every episode's pairs
    dataset = _dataset(parts=('P1', 'P2', 'P3'), frames_per_subject=150,
                       difficulty=dict(base_rates=base_rates))
    labels = dataset.get_label_matrix().astype(float)
    aus = dataset.aus
    corr = np.corrcoef(labels.T)

    def c(a, b):
        return corr[aus.index(a), aus.index(b)]

    for pair in [(6, 12), (1, 2), (25, 26), (17, 24), (4, 7)]:
        assert c(*pair) > least, pair
    assert c(12, 15) < 0.1


def test_validation_subjects_are_held_out_of_the_training_part():
    args = dict(parts=('P1', 'P2', 'P3'), num_subjects=8, frames_per_subject=5)
    every = _dataset(**args)
    train = _dataset(**args, filter_cfg=dict(subjects='train'))
    validation = _dataset(**args, filter_cfg=dict(subjects='validation'))

    def subjects(dataset):
        return {dataset.get_data_info(i)['subject']
                for i in range(len(dataset))}

    # every fourth of the 8 sorted subjects
    assert subjects(validation) == {'S04', 'S08'}
    assert subjects(train) == subjects(every) - {'S04', 'S08'}
    assert len(train) + len(validation) == len(every)
    # the label counts the rate hooks read follow the kept faces
    labels = np.array([validation.get_data_info(i)['au_labels']
                       for i in range(len(validation))])
    assert validation.metainfo['au_positive'] == (labels == 1).sum(
        0).tolist()
    assert validation.metainfo['au_known'] == [len(validation)] * len(
        validation.aus)
    with pytest.raises(ValueError, match="'train' or 'validation'"):
        _dataset(filter_cfg=dict(subjects='test'))
