from .compile_hook import CompileHook
from .finite_loss_hook import FiniteLossHook
from .population_baseline_hook import (
    PopulationBaselineHook,
    measure_as_configured,
    measure_baseline,
)
from .visualization_hook import FAUVisualizationHook

__all__ = [
    'CompileHook', 'FAUVisualizationHook', 'FiniteLossHook',
    'PopulationBaselineHook', 'measure_as_configured', 'measure_baseline'
]
