from .fau_recognizer import FAURecognizer

__all__ = ['FAURecognizer']
