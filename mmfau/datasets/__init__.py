from .base_fau_dataset import ANNOTATION_VERSION, FAUDataset
from .bp4d_disfa import BP4DDataset, DISFADataset
from .synthetic_dataset import SyntheticFaceDataset
from .synthetic_video_dataset import SyntheticVideoDataset
from .transforms import *  # noqa: F401,F403

__all__ = [
    'ANNOTATION_VERSION', 'FAUDataset', 'BP4DDataset', 'DISFADataset',
    'SyntheticFaceDataset', 'SyntheticVideoDataset'
]
