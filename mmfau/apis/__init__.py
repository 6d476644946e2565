from .inferencer import FaceAUInferencer
from .model import init_model
from .results import face_to_data_sample, results_to_rows, write_csv
from .tracker import IoUTracker, box_iou

__all__ = [
    'FaceAUInferencer', 'init_model', 'face_to_data_sample',
    'results_to_rows', 'write_csv',
    'IoUTracker', 'box_iou'
]
