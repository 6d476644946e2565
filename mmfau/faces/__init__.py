"""The face stage: from what a user passes to aligned faces."""
from .image_reading import read_image, to_bgr8

__all__ = ['read_image', 'to_bgr8']
