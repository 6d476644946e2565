from .base_fau_dataset import ANNOTATION_VERSION, FAUDataset
from .synthetic_dataset import SyntheticFaceDataset
from .transforms import *  # noqa: F401,F403

__all__ = ['ANNOTATION_VERSION', 'FAUDataset', 'SyntheticFaceDataset']
