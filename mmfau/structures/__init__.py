from .au_head_output import AUHeadOutput
from .fau_data_sample import FAUDataSample
from .frame_result import FaceResult, FrameResult

__all__ = ['AUHeadOutput', 'FAUDataSample', 'FaceResult', 'FrameResult']
