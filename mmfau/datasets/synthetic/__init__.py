from .au_sampler import EXPRESSIONS, sample_intensities
from .face_geometry import express, neutral_landmarks, sample_identity
from .renderer import face_to_pixels, render_face
from .video import expression_track, write_synthetic_video

__all__ = [
    'EXPRESSIONS', 'sample_intensities', 'express', 'neutral_landmarks',
    'sample_identity', 'face_to_pixels', 'render_face', 'expression_track',
    'write_synthetic_video'
]
