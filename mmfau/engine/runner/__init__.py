from .build import (
    TrainingStopped,
    build_runner,
    check_parts_agree,
    check_runnable,
    train,
)
from .loader_options import auto_workers, resolve_loader_options
from .plain_state import from_plain, rng_state, set_rng_state, to_plain
from .safe_checkpoint_runner import SafeCheckpointRunner, latest_checkpoint

__all__ = [
    'SafeCheckpointRunner', 'TrainingStopped', 'auto_workers', 'build_runner',
    'check_parts_agree', 'check_runnable', 'from_plain',
    'latest_checkpoint', 'resolve_loader_options', 'rng_state',
    'set_rng_state', 'to_plain', 'train'
]
