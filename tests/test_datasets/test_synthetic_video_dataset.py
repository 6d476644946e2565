"""The synthetic subjects as videos: resting stretches between expression
episodes that rise and fall, and a person who shows one AU most of the
time (the protocol of the per-person calibration)."""
import numpy as np
import pytest

from mmfau.datasets import SyntheticVideoDataset


def _video(**kwargs):
    """One subject's video: 400 frames, labels and drawing parameters."""
    dataset = SyntheticVideoDataset(num_subjects=3, frames_per_subject=400,
                                    parts=('P1', ), lazy_init=True, **kwargs)
    return dataset.load_data_list()


def test_a_video_rests_between_episodes_that_rise_and_fall():
    frames = _video()
    assert [f['frame'] for f in frames] == list(range(400))
    active = np.array([bool(f['intensities']) for f in frames])
    assert 0.1 < 1 - active.mean() < 0.6  # resting stretches
    # an episode's strongest AU rises to its peak and falls back
    strength = np.array([max(f['intensities'].values(), default=0.0)
                         for f in frames])
    start = int(np.flatnonzero(active)[0])
    end = start + int(np.argmin(active[start:]))
    peak = start + int(np.argmax(strength[start:end]))
    assert start < peak < end - 1
    assert strength[start] < strength[peak] > strength[end - 1]


def test_a_dominant_au_is_shown_in_its_share_of_the_resting_frames():
    frames = _video(dominant_au=12, dominant_share=0.8)
    au12 = np.array([12 in f['intensities'] for f in frames])
    resting = np.array([set(f['intensities']) <= {12} for f in frames])
    # held frame by frame: 80 % of the resting frames, not whole stretches
    assert 0.7 < au12[resting].mean() < 0.9
    assert au12.mean() >= au12[resting].mean() - 0.05
    with pytest.raises(ValueError, match='not one of the labelled AUs'):
        SyntheticVideoDataset(dominant_au=99, num_subjects=3,
                              frames_per_subject=4, parts=('P1', ))
