"""The decoder study's components, registered in mmfau's registries when
a config names this package in ``custom_imports``."""
from .base_rate_bias_hook import AUBaseRateBiasHook
from .diagnostics import (
    attention_entropy,
    head_diagnostics,
    rule_share,
    token_spread,
)
from .head_diagnostics_hook import HeadDiagnosticsHook
from .positive_weight_hook import AUPositiveWeightHook, positive_weights
from .study_decoder import StudyQueryDecoder
from .study_head import StudyFACSRuleHead

__all__ = [
    'AUBaseRateBiasHook', 'AUPositiveWeightHook', 'HeadDiagnosticsHook',
    'StudyFACSRuleHead', 'StudyQueryDecoder', 'attention_entropy',
    'head_diagnostics', 'positive_weights', 'rule_share', 'token_spread'
]
