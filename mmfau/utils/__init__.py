from .checkpoint_file import read_checkpoint, state_dict_mismatch
from .config import check_option_types, load_config, read_config_file
from .cores import threads_per_job, usable_cores
from .distributed import (
    init_distributed,
    setup_cpu_distributed,
    shutdown_distributed,
)
from .interruption import StopRequest
from .output_files import (
    InputFiles,
    check_output_file,
    claim_outputs,
    partial_path,
    replace_with,
)
from .timing import StageClock, describe_device, median_seconds
from .user_errors import exit_on_user_error

__all__ = [
    'InputFiles', 'StageClock', 'StopRequest', 'check_option_types',
    'check_output_file', 'claim_outputs', 'describe_device',
    'exit_on_user_error', 'init_distributed', 'load_config',
    'median_seconds', 'partial_path', 'read_checkpoint', 'read_config_file',
    'replace_with', 'setup_cpu_distributed', 'shutdown_distributed',
    'state_dict_mismatch', 'threads_per_job', 'usable_cores'
]
