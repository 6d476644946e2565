"""Frame-based F1 of AU occurrence, per AU and averaged."""
from typing import Dict, List, Optional, Sequence

import numpy as np
from mmengine.evaluator import BaseMetric
from mmengine.logging import MMLogger

from mmfau.registry import METRICS

from .au_ranking import au_ranking_scores


def au_f1_scores(pred: np.ndarray, target: np.ndarray,
                 mask: np.ndarray) -> Dict[str, np.ndarray]:
    """Per-AU precision, recall and F1 over known labels.

    Args:
        pred (np.ndarray): Predicted presence (N, K), bool.
        target (np.ndarray): Labels (N, K), 0 or 1.
        mask (np.ndarray): True where the label is known (N, K).

    Returns:
        dict: ``precision``, ``recall``, ``f1`` (K,) and ``support`` (K,),
        the number of known positives. An AU with no positive and no
        predicted positive among known labels has F1 0, as scikit-learn's
        ``f1_score(zero_division=0)``.
    """
    pred = pred.astype(bool) & mask
    target = target.astype(bool) & mask
    tp = (pred & target).sum(0).astype(np.float64)
    fp = (pred & ~target).sum(0).astype(np.float64)
    fn = (~pred & target).sum(0).astype(np.float64)
    with np.errstate(divide='ignore', invalid='ignore'):
        precision = np.where(tp + fp > 0, tp / (tp + fp), 0.0)
        recall = np.where(tp + fn > 0, tp / (tp + fn), 0.0)
        f1 = np.where(2 * tp + fp + fn > 0, 2 * tp / (2 * tp + fp + fn), 0.0)
    return dict(
        precision=precision, recall=recall, f1=f1, support=tp + fn)


def best_f1_thresholds(scores: np.ndarray, target: np.ndarray,
                       mask: np.ndarray,
                       default: float = 0.5) -> np.ndarray:
    """Per AU, the presence threshold (``score >= threshold``) with the
    highest F1 on these faces: midway between the lowest score called
    present and the next one below, so that it holds for faces between.

    Choose them on faces the model was not trained on and that are not the
    test faces (a validation split of the training subjects).

    Args:
        scores (np.ndarray): Probabilities (N, K).
        target (np.ndarray): Labels (N, K), 0 or 1.
        mask (np.ndarray): True where the label is known (N, K).
        default (float): The threshold of an AU with no known positive.

    Returns:
        np.ndarray: (K, ) thresholds in (0, 1).
    """
    thresholds = np.full(scores.shape[1], default, dtype=np.float64)
    for k in range(scores.shape[1]):
        known = mask[:, k].astype(bool)
        score = scores[known, k].astype(np.float64)
        label = target[known, k].astype(bool)
        if not label.any():
            continue
        order = np.argsort(-score, kind='stable')
        score, label = score[order], label[order]
        tp = np.cumsum(label)
        fp = np.cumsum(~label)
        f1 = 2 * tp / (tp + fp + label.sum())
        # only the last face of a run of equal scores closes a threshold
        closes = np.append(score[1:] < score[:-1], True)
        best = np.flatnonzero(closes)[np.argmax(f1[closes])]
        below = score[best + 1] if best + 1 < len(score) else 0.0
        thresholds[k] = (score[best] + below) / 2
    return np.clip(thresholds, 1e-6, 1 - 1e-6)


@METRICS.register_module()
class AUF1Metric(BaseMetric):
    """F1 of each AU, their mean, precision and recall; how well the
    probabilities rank faces (ROC AUC, average precision); and, when the
    model makes a second prediction from its AU encoder, that one's F1.

    Presence is the model's ``pred_label``: the model owns the presence
    threshold, so the metric, the CSV files and the pictures agree. Unknown
    labels are excluded per AU. Results are keyed ``F1/mean``,
    ``F1/AU1``, ``precision/AU1``, ``recall/AU1`` ... (in %, as the paper's
    tables), ``AUC/mean``, ``AUC/AU1``, ``AP/mean``, ``AP/AU1`` ... (0-1,
    from the probabilities, no threshold), ``F1_Ea/mean``, ``F1_Ea/AU1`` ...
    (the AU encoder's presence, for models whose decoder predicts; only
    with ``label_key='pred_label'``) and ``num_samples``, the number of
    faces evaluated (each once, also under distributed evaluation). With
    ``best_thresholds``, also ``threshold/AU1`` ... and ``F1_best/mean``,
    ``F1_best/AU1`` ...: each AU's threshold of highest F1 on these faces
    (:func:`best_f1_thresholds`) and the F1 it gives, for choosing the
    head's thresholds on a validation split.

    Args:
        label_key (str): Data-sample field with the predicted presence:
            ``'pred_label'`` (final) or ``'pred_label_au'`` (AU encoder).
        best_thresholds (bool): Also report each AU's best threshold.
        collect_device (str): 'cpu' or 'gpu', for distributed collection.
        prefix (str, optional): Prefix of the result keys.
    """

    default_prefix: Optional[str] = None

    def __init__(self,
                 label_key: str = 'pred_label',
                 best_thresholds: bool = False,
                 collect_device: str = 'cpu',
                 prefix: Optional[str] = None) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        self.label_key = label_key
        self.best_thresholds = best_thresholds

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        score_key = self.label_key.replace('pred_label', 'pred_score')
        for sample in data_samples:
            if self.label_key not in sample:
                raise KeyError(f'The model gave no {self.label_key!r}; it '
                               f'gave {sorted(sample)}.')
            result = dict(
                pred=sample[self.label_key].cpu().numpy().astype(bool),
                gt=sample['gt_au'].cpu().numpy(),
                mask=sample['gt_au_mask'].cpu().numpy())
            if score_key in sample:
                result['score'] = sample[score_key].float().cpu().numpy()
            if self.label_key == 'pred_label' and 'pred_label_au' in sample:
                result['pred_ea'] = sample['pred_label_au'].cpu().numpy(
                ).astype(bool)
            self.results.append(result)

    def compute_metrics(self, results: List[dict]) -> Dict[str, float]:
        pred = np.stack([r['pred'] for r in results])
        target = np.stack([r['gt'] for r in results])
        mask = np.stack([r['mask'] for r in results]).astype(bool)
        stats = au_f1_scores(pred, target, mask)
        names = (self.dataset_meta or {}).get('au_names') or [
            f'au{k}' for k in range(pred.shape[1])
        ]
        metrics = {'F1/mean': float(stats['f1'].mean() * 100)}
        for i, name in enumerate(names):
            metrics[f'F1/{name}'] = float(stats['f1'][i] * 100)
        for i, name in enumerate(names):
            metrics[f'precision/{name}'] = float(stats['precision'][i] * 100)
            metrics[f'recall/{name}'] = float(stats['recall'][i] * 100)
        if self.best_thresholds and not all('score' in r for r in results):
            raise KeyError('best_thresholds needs the model\'s probabilities '
                           '(pred_score).')
        if all('score' in r for r in results):
            scores = np.stack([r['score'] for r in results])
            ranking = au_ranking_scores(scores, target, mask)
            for key, name in (('auc', 'AUC'), ('ap', 'AP')):
                metrics[f'{name}/mean'] = float(np.nanmean(ranking[key]))
                for i, au in enumerate(names):
                    metrics[f'{name}/{au}'] = float(ranking[key][i])
            if self.best_thresholds:
                best = best_f1_thresholds(scores, target, mask)
                f1 = au_f1_scores(scores >= best, target, mask)['f1'] * 100
                metrics['F1_best/mean'] = float(f1.mean())
                for i, au in enumerate(names):
                    metrics[f'threshold/{au}'] = float(best[i])
                    metrics[f'F1_best/{au}'] = float(f1[i])
        if all('pred_ea' in r for r in results):
            ea = au_f1_scores(np.stack([r['pred_ea'] for r in results]),
                              target, mask)['f1'] * 100
            metrics['F1_Ea/mean'] = float(ea.mean())
            for i, au in enumerate(names):
                metrics[f'F1_Ea/{au}'] = float(ea[i])
        metrics['num_samples'] = len(results)
        self._log_table(names, stats, len(results))
        return metrics

    @staticmethod
    def _log_table(names: List[str], stats: Dict[str, np.ndarray],
                   num_samples: int) -> None:
        header = f'{"AU":>6} {"F1":>6} {"P":>6} {"R":>6} {"pos":>6}'
        rows = [
            f'{name:>6} {stats["f1"][i] * 100:6.1f} '
            f'{stats["precision"][i] * 100:6.1f} '
            f'{stats["recall"][i] * 100:6.1f} {int(stats["support"][i]):6d}'
            for i, name in enumerate(names)
        ]
        rows.append(f'{"mean":>6} {stats["f1"].mean() * 100:6.1f}')
        MMLogger.get_current_instance().info(
            f'AU F1 on {num_samples} faces (presence as the model '
            'predicts it):\n' + '\n'.join([header] + rows))
