from .fau_runner import FAURunner, build_runner, check_runnable
from .loader_options import auto_workers, resolve_loader_options
from .plain_state import from_plain, rng_state, set_rng_state, to_plain

__all__ = [
    'FAURunner', 'auto_workers', 'build_runner', 'check_runnable',
    'from_plain', 'resolve_loader_options', 'rng_state', 'set_rng_state',
    'to_plain'
]
