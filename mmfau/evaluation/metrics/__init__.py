from .au_f1 import AUF1Metric, au_f1_scores
from .prediction_writer import PredictionCSVWriter

__all__ = ['AUF1Metric', 'PredictionCSVWriter', 'au_f1_scores']
