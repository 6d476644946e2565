"""Synthetic AU intensity: stored levels, the occurrence rule, and an
appearance change that grows with the level."""
import numpy as np
import pytest

from mmfau.datasets import SyntheticFaceDataset
from mmfau.datasets.synthetic import (
    express,
    face_to_pixels,
    neutral_landmarks,
    render_face,
    sample_identity,
)
from mmfau.facs import ALL_AUS, AU_RULES
from mmfau.facs.regions import landmarks_to_boxes

POSE = dict(angle=0.0, scale=0.95, shift=(0.0, 0.0), light=(0.0, 0.0),
            noise=0.0, seed=0)


def test_levels_are_stored_and_labelled_by_the_rule():
    dataset = SyntheticFaceDataset(parts=('P1', ), num_subjects=3,
                                   frames_per_subject=40)
    levels = np.stack([dataset.get_data_info(i)['au_intensities']
                       for i in range(len(dataset))])
    labels = dataset.get_label_matrix()
    assert levels.min() == 0 and levels.max() <= 5
    np.testing.assert_array_equal(labels, (levels >= 2).astype(int))
    active = levels[levels > 0]
    shares = np.bincount(active, minlength=6)[1:] / len(active)
    assert shares[1] + shares[2] > shares[4]  # most B or C, few E
    strict = SyntheticFaceDataset(parts=('P1', ), num_subjects=3,
                                  frames_per_subject=40, present_from=3)
    np.testing.assert_array_equal(strict.get_label_matrix(),
                                  (levels >= 3).astype(int))


@pytest.mark.parametrize('au', ALL_AUS)
def test_each_appearance_change_grows_with_the_level(au):
    identity = sample_identity(np.random.default_rng(4))
    neutral = neutral_landmarks(identity)
    size = 128
    boxes = landmarks_to_boxes(face_to_pixels(neutral, size, POSE),
                               (size, size))
    regions = [r - 1 for r in AU_RULES[au][2]]

    def drawn(strength):
        face = express(neutral, {au: strength} if strength else {})
        image, _ = render_face(face, {au: strength} if strength else {},
                               identity, size, POSE)
        return image.astype(np.float32)

    base = drawn(0.0)
    changes = []
    for level in range(1, 6):
        diff = np.abs(drawn(level / 5) - base).mean(axis=2)
        changes.append(np.mean([
            diff[int(y1):int(y2), int(x1):int(x2)].mean()
            for x1, y1, x2, y2 in boxes[regions]
        ]))
    assert all(b > a for a, b in zip(changes, changes[1:])), changes
    # a trace changes the regions far less than the full change (moved
    # edges make even a small displacement visible, so not linearly less)
    assert changes[0] < 0.5 * changes[-1]


def test_every_au_of_the_rule_table_has_its_appearance():
    from mmfau.datasets.synthetic.renderer import AU_APPEARANCE
    from mmfau.facs import AU_RULES
    shown = {au for aus, _ in AU_APPEARANCE for au in aus}
    assert shown == set(AU_RULES)
