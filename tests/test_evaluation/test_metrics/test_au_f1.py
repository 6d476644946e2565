import numpy as np
import pytest
import torch
from sklearn.metrics import f1_score, precision_score, recall_score

from mmfau.evaluation import AUF1Metric
from mmfau.evaluation.metrics import best_f1_thresholds


def _samples(scores, gt, mask, threshold=0.5):
    return [
        dict(
            pred_label=torch.tensor(s) >= threshold,
            gt_au=torch.tensor(g, dtype=torch.float32),
            gt_au_mask=torch.tensor(m)) for s, g, m in zip(scores, gt, mask)
    ]


def test_f1_matches_scikit_learn_on_known_labels():
    rng = np.random.default_rng(0)
    n, k = 200, 5
    scores = rng.uniform(size=(n, k)).astype(np.float32)
    gt = (rng.uniform(size=(n, k)) < 0.3).astype(np.float32)
    mask = rng.uniform(size=(n, k)) > 0.2
    metric = AUF1Metric()
    metric.dataset_meta = dict(au_names=[f'AU{i}' for i in (1, 2, 4, 6, 7)])
    metric.process(None, _samples(scores, gt, mask))
    results = metric.compute_metrics(metric.results)
    expected = []
    for j, name in enumerate(metric.dataset_meta['au_names']):
        known = mask[:, j]
        y_true, y_pred = gt[known, j], scores[known, j] >= 0.5
        f1 = f1_score(y_true, y_pred, zero_division=0) * 100
        expected.append(f1)
        assert results[f'F1/{name}'] == pytest.approx(f1)
        assert results[f'precision/{name}'] == pytest.approx(
            precision_score(y_true, y_pred, zero_division=0) * 100)
        assert results[f'recall/{name}'] == pytest.approx(
            recall_score(y_true, y_pred, zero_division=0) * 100)
    assert results['F1/mean'] == pytest.approx(np.mean(expected))
    assert results['num_samples'] == n


def test_unknown_labels_do_not_count_as_absent():
    # one AU, all predicted present; the unknown frame is a true positive
    # only if it is read as present and a false positive if read as absent
    scores = np.array([[0.9], [0.9], [0.9]], dtype=np.float32)
    gt = np.array([[1], [1], [0]], dtype=np.float32)
    mask = np.array([[True], [True], [False]])
    metric = AUF1Metric()
    metric.process(None, _samples(scores, gt, mask))
    results = metric.compute_metrics(metric.results)
    assert results['F1/au0'] == pytest.approx(100.0)
    assert results['precision/au0'] == pytest.approx(100.0)


def test_presence_comes_from_the_model_not_a_threshold_of_its_own():
    scores = np.array([[0.35], [0.45], [0.6]], dtype=np.float32)
    gt = np.array([[1], [1], [0]], dtype=np.float32)
    mask = np.ones((3, 1), bool)
    metric = AUF1Metric()
    metric.process(None, _samples(scores, gt, mask, threshold=0.3))
    # at the model's 0.3 all three are present: 2 TP, 1 FP
    assert metric.compute_metrics(metric.results)['F1/au0'] == \
        pytest.approx(80.0)


def test_missing_prediction_field_is_named():
    metric = AUF1Metric(label_key='pred_label_au')
    with pytest.raises(KeyError, match='pred_label_au'):
        metric.process(None, _samples([[0.1]], [[1.0]], [[True]]))


def test_auc_and_ap_match_scikit_learn_with_ties_and_unknown_labels():
    from sklearn.metrics import average_precision_score, roc_auc_score
    rng = np.random.default_rng(1)
    n, k = 300, 4
    gt = (rng.uniform(size=(n, k)) < 0.2).astype(np.float32)
    # scores rounded to 2 decimals: many ties, as low-precision outputs give
    scores = np.round(np.clip(gt * 0.3 + rng.uniform(size=(n, k)), 0, 1),
                      2).astype(np.float32)
    mask = rng.uniform(size=(n, k)) > 0.1
    samples = _samples(scores, gt, mask)
    for sample, s in zip(samples, scores):
        sample['pred_score'] = torch.tensor(s)
    metric = AUF1Metric()
    metric.process(None, samples)
    results = metric.compute_metrics(metric.results)
    aucs, aps = [], []
    for j in range(k):
        known = mask[:, j]
        aucs.append(roc_auc_score(gt[known, j], scores[known, j]))
        aps.append(average_precision_score(gt[known, j], scores[known, j]))
        assert results[f'AUC/au{j}'] == pytest.approx(aucs[-1], abs=1e-9)
        assert results[f'AP/au{j}'] == pytest.approx(aps[-1], abs=1e-9)
    assert results['AUC/mean'] == pytest.approx(np.mean(aucs))
    assert results['AP/mean'] == pytest.approx(np.mean(aps))


def test_the_au_encoder_branch_is_scored_beside_the_final_prediction():
    gt = np.array([[1], [0], [1], [0]], dtype=np.float32)
    mask = np.ones((4, 1), bool)
    final = np.array([[0.4], [0.1], [0.45], [0.2]], dtype=np.float32)
    samples = _samples(final, gt, mask)
    for sample, ea in zip(samples, [True, False, True, True]):
        sample['pred_label_au'] = torch.tensor([ea])
    metric = AUF1Metric()
    metric.process(None, samples)
    results = metric.compute_metrics(metric.results)
    # the decoder never crosses 0.5: F1 0, yet the AU encoder finds both
    assert results['F1/au0'] == 0.0
    assert results['F1_Ea/au0'] == pytest.approx(100 * 2 * 2 / (2 * 2 + 1))
    assert results['F1_Ea/mean'] == results['F1_Ea/au0']


def test_best_thresholds_are_the_f1_maximum_of_every_cut():
    rng = np.random.default_rng(3)
    n, k = 120, 4
    gt = (rng.random((n, k)) < [0.05, 0.3, 0.5, 0.0]).astype(np.float32)
    scores = np.clip(0.3 * gt + rng.random((n, k)) * 0.6, 0, 1)
    scores[:10, 1] = 0.25  # a run of equal scores
    mask = rng.random((n, k)) > 0.1
    best = best_f1_thresholds(scores, gt, mask)
    for j in range(3):
        known = mask[:, j]
        # brute force over every cut between distinct known scores
        f1_at = [f1_score(gt[known, j], scores[known, j] >= t,
                          zero_division=0)
                 for t in np.unique(scores[known, j])]
        got = f1_score(gt[known, j], scores[known, j] >= best[j])
        assert got == pytest.approx(max(f1_at))
        assert 0 < best[j] < 1
    assert best[3] == 0.5  # no positive: the default
    samples = _samples(scores, gt, mask)
    for sample, score in zip(samples, scores):
        sample['pred_score'] = torch.tensor(score)
    metric = AUF1Metric(best_thresholds=True)
    metric.process(None, samples)
    results = metric.compute_metrics(metric.results)
    assert results['threshold/au0'] == pytest.approx(best[0])
    assert results['F1_best/au1'] >= results['F1/au1']
