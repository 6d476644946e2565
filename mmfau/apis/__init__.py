from mmfau.deployment import inference_pipeline

from .inferencer import FaceAUInferencer
from .model import init_model, set_inference_meta
from .results import (
    FrameCSVWriter,
    csv_columns,
    face_to_data_sample,
    frame_rows,
    results_to_rows,
    summarize_faces,
    write_csv,
    write_summary,
)
from .setup_env import register_all_modules

__all__ = [
    'FaceAUInferencer', 'FrameCSVWriter', 'csv_columns',
    'face_to_data_sample', 'frame_rows', 'inference_pipeline', 'init_model',
    'register_all_modules', 'set_inference_meta', 'summarize_faces',
    'results_to_rows', 'write_csv', 'write_summary'
]
