from .compile_hook import CompileHook
from .finite_loss_hook import FiniteLossHook
from .visualization_hook import FAUVisualizationHook

__all__ = ['CompileHook', 'FAUVisualizationHook', 'FiniteLossHook']
