from .fau_data_sample import FAUDataSample

__all__ = ['FAUDataSample']
