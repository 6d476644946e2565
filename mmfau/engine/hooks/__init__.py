from .finite_loss_hook import FiniteLossHook
from .positive_weight_hook import AUPositiveWeightHook, positive_weights
from .visualization_hook import FAUVisualizationHook

__all__ = [
    'FiniteLossHook', 'AUPositiveWeightHook', 'positive_weights',
    'FAUVisualizationHook'
]
