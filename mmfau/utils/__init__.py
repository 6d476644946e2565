from .config import load_config
from .distributed import setup_cpu_distributed, shutdown_distributed
from .interruption import interrupt_on_terminate
from .output_files import check_output_file
from .setup_env import register_all_modules
from .user_errors import exit_on_user_error

__all__ = [
    'check_output_file', 'exit_on_user_error', 'interrupt_on_terminate',
    'load_config', 'register_all_modules', 'setup_cpu_distributed',
    'shutdown_distributed'
]
