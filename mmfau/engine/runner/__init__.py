from .loader_options import auto_workers, resolve_loader_options
from .plain_state import from_plain, rng_state, set_rng_state, to_plain
from .safe_checkpoint_runner import (
    SafeCheckpointRunner,
    build_runner,
    check_runnable,
)

__all__ = [
    'SafeCheckpointRunner', 'auto_workers', 'build_runner', 'check_runnable',
    'from_plain', 'resolve_loader_options', 'rng_state', 'set_rng_state',
    'to_plain'
]
