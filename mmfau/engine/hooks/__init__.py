from .base_rate_bias_hook import AUBaseRateBiasHook
from .finite_loss_hook import FiniteLossHook
from .head_diagnostics_hook import HeadDiagnosticsHook
from .positive_weight_hook import AUPositiveWeightHook, positive_weights
from .visualization_hook import FAUVisualizationHook

__all__ = [
    'AUBaseRateBiasHook', 'FiniteLossHook', 'AUPositiveWeightHook',
    'HeadDiagnosticsHook', 'positive_weights', 'FAUVisualizationHook'
]
