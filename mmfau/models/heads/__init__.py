from .base_au_head import BaseAUHead
from .diagnostics import (
    attention_entropy,
    head_diagnostics,
    rule_share,
    token_spread,
)
from .facs_rule_head import FACSRuleHead

__all__ = [
    'BaseAUHead', 'FACSRuleHead', 'attention_entropy', 'head_diagnostics',
    'rule_share', 'token_spread'
]
