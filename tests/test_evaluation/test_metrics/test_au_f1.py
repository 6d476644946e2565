import numpy as np
import pytest
import torch
from sklearn.metrics import f1_score, precision_score, recall_score

from mmfau.evaluation import AUF1Metric


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
