"""Writing per-face predictions to a CSV file during testing."""
import csv
import os
import os.path as osp
from typing import Dict, List, Optional, Sequence

from mmengine.evaluator import BaseMetric
from mmengine.logging import MMLogger

from mmfau.registry import METRICS

_META_COLUMNS = ('subject', 'session', 'frame', 'img_path')


@METRICS.register_module()
class PredictionCSVWriter(BaseMetric):
    """Write one CSV row per face: identity columns, then each AU's
    probability (``AU12_prob``) and presence (``AU12``, 0 or 1), and its
    estimated intensity (``AU12_intensity``, 0-5) when the model estimates
    intensities.

    Rows keep the data set's order, also under distributed testing.

    Args:
        out_file (str): Path of the CSV file.
        collect_device (str): 'cpu' or 'gpu'.
        prefix (str, optional): Unused prefix of the (empty) metric keys.
    """

    def __init__(self,
                 out_file: str,
                 collect_device: str = 'cpu',
                 prefix: Optional[str] = None) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        if not out_file.endswith('.csv'):
            raise ValueError(f'{out_file}: the output must be a .csv file.')
        self.out_file = out_file

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        for sample in data_samples:
            row = {k: sample.get(k, '') for k in _META_COLUMNS}
            row['score'] = sample['pred_score'].float().cpu().tolist()
            row['label'] = sample['pred_label'].cpu().int().tolist()
            if 'pred_intensity' in sample:
                row['intensity'] = sample['pred_intensity'].float().cpu(
                ).tolist()
            self.results.append(row)

    def compute_metrics(self, results: List[dict]) -> Dict[str, float]:
        names = (self.dataset_meta or {}).get('au_names') or [
            f'au{k}' for k in range(len(results[0]['score']))
        ]
        folder = osp.dirname(osp.abspath(self.out_file))
        os.makedirs(folder, exist_ok=True)
        with open(self.out_file, 'w', newline='') as f:
            writer = csv.writer(f)
            intensity = 'intensity' in results[0]
            writer.writerow(
                list(_META_COLUMNS) + [f'{n}_prob' for n in names] + names +
                ([f'{n}_intensity' for n in names] if intensity else []))
            for row in results:
                writer.writerow([row[k] for k in _META_COLUMNS] +
                                [f'{p:.4f}' for p in row['score']] +
                                row['label'] +
                                ([f'{v:.3f}' for v in row['intensity']]
                                 if intensity else []))
        MMLogger.get_current_instance().info(
            f'Wrote {len(results)} predictions to {self.out_file}')
        return {}
