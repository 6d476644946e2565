"""ICC(3,1), MAE and Pearson r of AU intensities, against worked examples."""
import numpy as np
import pytest
import torch

from mmfau.evaluation import AUIntensityMetric, icc_3_1, pearson_r


def test_icc_matches_shrout_and_fleiss():
    # Shrout and Fleiss (1979), Table 2: 6 targets, 4 judges; their
    # Table 4 gives ICC(3,1) = .71
    ratings = np.array([[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8],
                        [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]])
    assert icc_3_1(ratings) == pytest.approx(0.7148, abs=1e-4)


def test_icc_of_a_hand_worked_pair_of_raters():
    # grand mean 2.8125; row means 0.25 2.25 3.5 5.25 -> SS_R 26.59375;
    # column means 2.75 2.875 -> SS_C 0.03125; SS_T 27.46875 -> SS_E
    # 0.84375; MS_R 8.864583, MS_E 0.28125 -> ICC 8.583333 / 9.145833
    coded_and_estimated = np.array([[0, 0.5], [2, 2.5], [4, 3.0], [5, 5.5]])
    assert icc_3_1(coded_and_estimated) == pytest.approx(0.938497, abs=1e-6)
    assert np.isnan(icc_3_1(np.array([[1.0, 1.0]])))


def test_metric_per_au_over_coded_faces_only():
    coded = np.array([[0, 1], [2, 3], [4, 0], [5, 5]], dtype=np.float32)
    estimated = np.array([[0.5, 9], [2.5, 2], [3.0, 1], [5.5, 4]],
                         dtype=np.float32)
    mask = np.array([[1, 0], [1, 1], [1, 1], [1, 1]], dtype=bool)
    metric = AUIntensityMetric()
    metric.dataset_meta = dict(au_names=['AU12', 'AU25'])
    metric.process(None, [
        dict(pred_intensity=torch.tensor(e), gt_intensity=torch.tensor(c),
             gt_intensity_mask=torch.tensor(m))
        for e, c, m in zip(estimated, coded, mask)
    ])
    result = metric.compute_metrics(metric.results)
    assert result['ICC/AU12'] == pytest.approx(0.938497, abs=1e-6)
    assert result['MAE/AU12'] == pytest.approx((0.5 + 0.5 + 1 + 0.5) / 4)
    # AU25: the first face is not coded; its estimate 9 is left out
    assert result['MAE/AU25'] == pytest.approx((1 + 1 + 1) / 3)
    assert result['PCC/AU25'] == pytest.approx(
        np.corrcoef([3, 0, 5], [2, 1, 4])[0, 1])
    assert result['ICC/mean'] == pytest.approx(
        (result['ICC/AU12'] + result['ICC/AU25']) / 2)
    assert np.isnan(pearson_r([1, 1, 1], [1, 2, 3]))


def test_a_model_without_intensities_is_named():
    metric = AUIntensityMetric()
    with pytest.raises(KeyError, match='pred_intensity'):
        metric.process(None, [dict(gt_intensity=torch.zeros(2))])
