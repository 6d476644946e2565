from .inferencer import FaceAUInferencer
from .model import (
    inference_pipeline,
    init_model,
    model_input_size,
    set_inference_meta,
)
from .result_types import FaceResult, FrameResult
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

__all__ = [
    'FaceAUInferencer', 'FaceResult', 'FrameCSVWriter', 'FrameResult',
    'csv_columns', 'face_to_data_sample', 'frame_rows', 'inference_pipeline',
    'init_model', 'model_input_size', 'set_inference_meta',
    'summarize_faces', 'results_to_rows', 'write_csv', 'write_summary'
]
