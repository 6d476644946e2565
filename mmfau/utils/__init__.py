from .config import load_config
from .distributed import setup_cpu_distributed
from .setup_env import register_all_modules

__all__ = ['load_config', 'register_all_modules', 'setup_cpu_distributed']
