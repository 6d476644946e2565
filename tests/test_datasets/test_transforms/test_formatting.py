import numpy as np

from mmfau.datasets.transforms import PackFAUInputs
from mmfau.facs import UNKNOWN


def test_unknown_labels_and_intensities_are_masked():
    packed = PackFAUInputs()(dict(
        img=np.zeros((4, 4, 3), np.uint8),
        au_labels=np.array([1, 0, UNKNOWN]),
        au_intensities=np.array([3, 0, UNKNOWN]),
        subject='s1'))
    sample = packed['data_samples']
    assert packed['inputs'].shape == (3, 4, 4)
    assert sample.gt_au.tolist() == [1, 0, 0]
    assert sample.gt_au_mask.tolist() == [True, True, False]
    assert sample.gt_intensity.tolist() == [3, 0, 0]
    assert sample.gt_intensity_mask.tolist() == [True, True, False]
    assert sample.subject == 's1'
