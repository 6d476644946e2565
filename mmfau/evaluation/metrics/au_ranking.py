"""How well each AU's probabilities rank present above absent faces, free
of any presence threshold: ROC AUC and average precision."""
from typing import Dict

import numpy as np
from scipy.stats import rankdata


def roc_auc(scores: np.ndarray, target: np.ndarray) -> float:
    """Area under the ROC curve of one AU (ties count one half).

    Args:
        scores (np.ndarray): Probabilities (N,).
        target (np.ndarray): Labels (N,), 0 or 1.

    Returns:
        float: In [0, 1]; NaN when only one class is present.
    """
    target = target.astype(bool)
    num_pos = int(target.sum())
    num_neg = len(target) - num_pos
    if num_pos == 0 or num_neg == 0:
        return float('nan')
    ranks = rankdata(scores)
    return float((ranks[target].sum() - num_pos * (num_pos + 1) / 2) /
                 (num_pos * num_neg))


def average_precision(scores: np.ndarray, target: np.ndarray) -> float:
    """Average precision of one AU: precision at each distinct score,
    weighted by the recall gained there (scikit-learn's definition).

    Args:
        scores (np.ndarray): Probabilities (N,).
        target (np.ndarray): Labels (N,), 0 or 1.

    Returns:
        float: In [0, 1]; NaN when there is no positive.
    """
    target = target.astype(bool)
    num_pos = int(target.sum())
    if num_pos == 0:
        return float('nan')
    order = np.argsort(-scores, kind='mergesort')
    sorted_scores, hits = scores[order], target[order]
    # the last index of each run of equal scores closes a threshold
    ends = np.r_[np.flatnonzero(np.diff(sorted_scores)), len(scores) - 1]
    tp = np.cumsum(hits)[ends]
    precision = tp / (ends + 1)
    recall_gain = np.diff(np.r_[0, tp]) / num_pos
    return float((precision * recall_gain).sum())


def au_ranking_scores(scores: np.ndarray, target: np.ndarray,
                      mask: np.ndarray) -> Dict[str, np.ndarray]:
    """Per-AU ROC AUC and average precision over known labels.

    Args:
        scores (np.ndarray): Probabilities (N, K).
        target (np.ndarray): Labels (N, K), 0 or 1.
        mask (np.ndarray): True where the label is known (N, K).

    Returns:
        dict: ``auc`` and ``ap`` (K,), NaN for an AU whose known labels
        hold a single class (AUC) or no positive (AP).
    """
    mask = mask.astype(bool)
    auc, ap = [], []
    for k in range(scores.shape[1]):
        known = mask[:, k]
        auc.append(roc_auc(scores[known, k], target[known, k]))
        ap.append(average_precision(scores[known, k], target[known, k]))
    return dict(auc=np.array(auc), ap=np.array(ap))
