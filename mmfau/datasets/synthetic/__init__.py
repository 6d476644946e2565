from .au_sampler import (
                         EXPRESSIONS,
                         LEVEL_SHARES,
                         level_strength,
                         sample_intensities,
                         sample_levels,
)
from .face_geometry import express, neutral_landmarks, sample_identity
from .renderer import face_to_pixels, render_face
from .video import expression_track, write_synthetic_video

__all__ = [
    'EXPRESSIONS', 'LEVEL_SHARES', 'level_strength', 'sample_intensities',
    'sample_levels', 'express', 'neutral_landmarks', 'sample_identity',
    'face_to_pixels', 'render_face', 'expression_track',
    'write_synthetic_video'
]
