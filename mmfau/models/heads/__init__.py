from .facs_rule_head import FACSRuleHead

__all__ = ['FACSRuleHead']
