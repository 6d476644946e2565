from .fau_data_preprocessor import FAUDataPreprocessor

__all__ = ['FAUDataPreprocessor']
