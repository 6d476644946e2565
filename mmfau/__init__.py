"""mmfau: facial action unit recognition guided by FACS labeling rules."""
from .version import __version__

__all__ = ['__version__']
