from .inferencer import FaceAUInferencer
from .model import inference_pipeline, init_model, set_inference_meta
from .results import face_to_data_sample, results_to_rows, write_csv
from .tracker import IoUTracker, box_iou

__all__ = [
    'FaceAUInferencer', 'inference_pipeline', 'init_model',
    'set_inference_meta', 'face_to_data_sample',
    'results_to_rows', 'write_csv',
    'IoUTracker', 'box_iou'
]
