from .plain_checkpoint_hook import PlainCheckpointHook, from_plain, to_plain

__all__ = ['PlainCheckpointHook', 'from_plain', 'to_plain']
