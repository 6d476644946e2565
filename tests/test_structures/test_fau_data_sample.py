import pytest
import torch

from mmfau.structures import FAUDataSample


def test_unknown_labels_are_zeroed_and_masked():
    sample = FAUDataSample().set_gt_au([1, 1, 0], [True, False, True])
    assert sample.gt_au.tolist() == [1.0, 0.0, 0.0]
    assert sample.gt_au_mask.tolist() == [True, False, True]
    assert FAUDataSample().set_gt_au([0, 1]).gt_au_mask.all()
    with pytest.raises(ValueError, match='differ'):
        FAUDataSample().set_gt_au([1, 0], [True])


def test_presence_follows_the_given_threshold_per_au():
    sample = FAUDataSample().set_pred_score([0.3, 0.5, 0.7],
                                            threshold=[0.2, 0.6, 0.7])
    assert sample.pred_label.tolist() == [True, False, True]
    assert sample.pred_threshold.tolist() == pytest.approx([0.2, 0.6, 0.7])
    branch = sample.set_pred_score([0.1, 0.9, 0.5], 0.5, suffix='_au')
    assert branch.pred_label_au.tolist() == [False, True, True]
    # the branch does not replace the final prediction's threshold
    assert sample.pred_threshold.tolist() == pytest.approx([0.2, 0.6, 0.7])


def test_region_boxes_are_float_tensors():
    sample = FAUDataSample().set_region_boxes([[0, 0, 10, 10]] * 8)
    assert sample.region_boxes.dtype == torch.float32
    assert sample.region_boxes.shape == (8, 4)
