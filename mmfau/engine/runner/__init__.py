from .fau_runner import FAURunner, build_runner, check_runnable
from .plain_state import from_plain, rng_state, set_rng_state, to_plain

__all__ = [
    'FAURunner', 'build_runner', 'check_runnable', 'from_plain', 'rng_state',
    'set_rng_state', 'to_plain'
]
