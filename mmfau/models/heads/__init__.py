from .base_au_head import BaseAUHead
from .facs_rule_head import FACSRuleHead

__all__ = ['BaseAUHead', 'FACSRuleHead']
