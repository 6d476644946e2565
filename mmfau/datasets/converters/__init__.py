from .bp4d import scan_bp4d
from .custom import read_manifest
from .disfa import scan_disfa
from .frames import LabelledSequence
from .pipeline import convert, read_cache
from .report import ConversionReport

__all__ = [
    'scan_bp4d', 'scan_disfa', 'read_manifest', 'LabelledSequence',
    'convert', 'read_cache', 'ConversionReport'
]
