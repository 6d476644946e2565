from .face_follower import FaceFollower
from .inferencer import FaceAUInferencer
from .inputs import (
    LANDMARKS_OUTSIDE,
    NO_FACE,
    OK,
    TRUNCATED,
    UNREADABLE,
    Frame,
    iterate_frames,
    read_image,
    to_bgr8,
)
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
from .tracker import FaceTracker, box_iou

__all__ = [
    'LANDMARKS_OUTSIDE', 'NO_FACE', 'OK', 'TRUNCATED', 'UNREADABLE',
    'FaceAUInferencer', 'FaceFollower', 'FaceResult', 'FaceTracker', 'Frame',
    'FrameCSVWriter', 'FrameResult', 'box_iou',
    'csv_columns', 'face_to_data_sample', 'frame_rows', 'inference_pipeline',
    'init_model',
    'iterate_frames', 'model_input_size', 'read_image', 'results_to_rows',
    'set_inference_meta', 'summarize_faces', 'to_bgr8', 'write_csv',
    'write_summary'
]
