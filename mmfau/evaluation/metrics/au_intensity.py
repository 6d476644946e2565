"""Agreement of estimated with coded AU intensities: ICC(3,1), MAE and
Pearson r per AU and their means."""
from typing import Dict, List, Optional, Sequence

import numpy as np
from mmengine.evaluator import BaseMetric
from mmengine.logging import MMLogger

from mmfau.registry import METRICS


def icc_3_1(ratings: np.ndarray) -> float:
    """ICC(3,1) of Shrout and Fleiss (1979): two-way mixed model,
    consistency of single ratings, the measure of DISFA intensity papers.

    Args:
        ratings (np.ndarray): (n targets, k raters), e.g. the coded and the
            estimated intensity of n faces (k = 2).

    Returns:
        float: ``(MS_R - MS_E) / (MS_R + (k - 1) MS_E)``; nan with fewer
        than two targets, or when nothing varies.
    """
    ratings = np.asarray(ratings, dtype=np.float64)
    n, k = ratings.shape
    if n < 2:
        return float('nan')
    grand = ratings.mean()
    ss_rows = k * ((ratings.mean(axis=1) - grand)**2).sum()
    ss_cols = n * ((ratings.mean(axis=0) - grand)**2).sum()
    ss_error = ((ratings - grand)**2).sum() - ss_rows - ss_cols
    ms_rows = ss_rows / (n - 1)
    ms_error = ss_error / ((n - 1) * (k - 1))
    denominator = ms_rows + (k - 1) * ms_error
    return float((ms_rows - ms_error) / denominator) if denominator > 0 \
        else float('nan')


def pearson_r(a: np.ndarray, b: np.ndarray) -> float:
    """Pearson's correlation; nan when either side is constant."""
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    if len(a) < 2 or a.std() == 0 or b.std() == 0:
        return float('nan')
    return float(np.corrcoef(a, b)[0, 1])


@METRICS.register_module()
class AUIntensityMetric(BaseMetric):
    """ICC(3,1), mean absolute error and Pearson r between the model's
    ``pred_intensity`` and the coded intensities (0-5), per AU over the
    faces where the AU is coded, and their means over AUs. Keys
    ``ICC/AU12``, ``MAE/AU12``, ``PCC/AU12``, ``ICC/mean`` ...

    Needs a head that estimates intensity (``needs_intensity``: a config
    that pairs it with one that does not is refused before the first
    step).

    Args:
        collect_device (str): 'cpu' or 'gpu', for distributed collection.
        prefix (str, optional): Prefix of the result keys.
    """

    default_prefix: Optional[str] = None
    #: The model's head must estimate AU intensity.
    needs_intensity = True

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        for sample in data_samples:
            for key in ('pred_intensity', 'gt_intensity'):
                if key not in sample:
                    raise KeyError(
                        f'AUIntensityMetric needs {key!r}: a model with '
                        'intensity regressors and data with au_intensities.')
            self.results.append(
                dict(pred=sample['pred_intensity'].float().cpu().numpy(),
                     gt=sample['gt_intensity'].cpu().numpy(),
                     mask=sample['gt_intensity_mask'].cpu().numpy()))

    def compute_metrics(self, results: List[dict]) -> Dict[str, float]:
        pred = np.stack([r['pred'] for r in results])
        gt = np.stack([r['gt'] for r in results])
        mask = np.stack([r['mask'] for r in results]).astype(bool)
        names = (self.dataset_meta or {}).get('au_names') or [
            f'au{k}' for k in range(pred.shape[1])
        ]
        per_au = {'ICC': [], 'MAE': [], 'PCC': []}
        for k in range(pred.shape[1]):
            p, g = pred[mask[:, k], k], gt[mask[:, k], k]
            per_au['ICC'].append(icc_3_1(np.stack([g, p], axis=1)))
            per_au['MAE'].append(float(np.abs(p - g).mean())
                                 if len(p) else float('nan'))
            per_au['PCC'].append(pearson_r(g, p))
        metrics = {}
        for measure, values in per_au.items():
            metrics[f'{measure}/mean'] = float(np.nanmean(values)) if \
                not np.isnan(values).all() else float('nan')
            for name, value in zip(names, values):
                metrics[f'{measure}/{name}'] = value
        self._log_table(names, per_au)
        return metrics

    @staticmethod
    def _log_table(names: List[str], per_au: Dict[str, list]) -> None:
        rows = [f'{"AU":>6} {"ICC":>6} {"MAE":>6} {"PCC":>6}'] + [
            f'{name:>6} {per_au["ICC"][i]:6.3f} {per_au["MAE"][i]:6.3f} '
            f'{per_au["PCC"][i]:6.3f}' for i, name in enumerate(names)
        ]
        rows.append(f'{"mean":>6} {np.nanmean(per_au["ICC"]):6.3f} '
                    f'{np.nanmean(per_au["MAE"]):6.3f} '
                    f'{np.nanmean(per_au["PCC"]):6.3f}')
        MMLogger.get_current_instance().info(
            'AU intensity agreement (0-5):\n' + '\n'.join(rows))
