from .diagnostics import attention_entropy, head_diagnostics, token_spread
from .facs_rule_head import FACSRuleHead

__all__ = [
    'FACSRuleHead', 'attention_entropy', 'head_diagnostics', 'token_spread'
]
