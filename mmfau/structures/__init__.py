from .au_head_output import AUHeadOutput
from .fau_data_sample import FAUDataSample
from .frame_result import CalibratedScores, FaceResult, FrameResult

__all__ = [
    'AUHeadOutput', 'CalibratedScores', 'FAUDataSample', 'FaceResult',
    'FrameResult'
]
