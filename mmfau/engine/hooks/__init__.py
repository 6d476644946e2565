from .finite_loss_hook import FiniteLossHook
from .plain_checkpoint_hook import PlainCheckpointHook, from_plain, to_plain
from .positive_weight_hook import AUPositiveWeightHook, positive_weights
from .visualization_hook import FAUVisualizationHook

__all__ = [
    'FiniteLossHook', 'PlainCheckpointHook', 'from_plain', 'to_plain',
    'AUPositiveWeightHook', 'positive_weights', 'FAUVisualizationHook'
]
