from .au_sampler import (
    EXPRESSIONS,
    LEVEL_SHARES,
    level_strength,
    sample_intensities,
    sample_levels,
)
from .canvas import face_to_pixels
from .face_geometry import (
    express,
    neutral_landmarks,
    sample_identity,
    sample_resting_marks,
)
from .imaging import apply_imaging, sample_imaging
from .occluders import sample_accessories, sample_occluders
from .renderer import render_face
from .video import expression_track, write_synthetic_video

__all__ = [
    'EXPRESSIONS', 'LEVEL_SHARES', 'level_strength', 'sample_intensities',
    'sample_levels', 'face_to_pixels', 'express', 'neutral_landmarks',
    'sample_identity', 'sample_resting_marks', 'apply_imaging',
    'sample_imaging', 'sample_accessories', 'sample_occluders', 'render_face',
    'expression_track', 'write_synthetic_video'
]
