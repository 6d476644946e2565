from .au_f1 import AUF1Metric, au_f1_scores, best_f1_thresholds
from .au_intensity import AUIntensityMetric, icc_3_1, pearson_r
from .au_ranking import au_ranking_scores, average_precision, roc_auc
from .prediction_writer import PredictionCSVWriter

__all__ = [
    'AUF1Metric', 'AUIntensityMetric', 'PredictionCSVWriter', 'au_f1_scores',
    'au_ranking_scores', 'average_precision', 'best_f1_thresholds',
    'icc_3_1', 'pearson_r', 'roc_auc'
]
