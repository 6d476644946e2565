from .config import load_config
from .distributed import setup_cpu_distributed, shutdown_distributed
from .setup_env import register_all_modules
from .user_errors import exit_on_user_error

__all__ = [
    'exit_on_user_error', 'load_config', 'register_all_modules',
    'setup_cpu_distributed', 'shutdown_distributed'
]
