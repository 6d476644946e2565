from .fau_runner import FAURunner

__all__ = ['FAURunner']
