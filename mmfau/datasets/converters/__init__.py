from .bp4d import scan_bp4d
from .cli import (add_conversion_arguments, add_landmark_arguments,
                  conversion_kwargs)
from .disfa import scan_disfa
from .frames import LabelledSequence
from .pipeline import convert, detector_config, read_cache
from .report import ConversionReport

__all__ = [
    'add_conversion_arguments', 'add_landmark_arguments',
    'conversion_kwargs', 'scan_bp4d',
    'scan_disfa', 'LabelledSequence', 'convert', 'detector_config',
    'read_cache', 'ConversionReport'
]
