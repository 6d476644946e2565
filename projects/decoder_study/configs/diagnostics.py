# Record the head's diagnostics twice an epoch on 32 training faces
# (HeadDiagnosticsHook: decoder attention entropy, token spread between
# images, each loss's gradient on the backbone).
_base_ = ['./_base_/study_head.py']
custom_hooks = [dict(type='HeadDiagnosticsHook', interval=19)]
