# Record the head's diagnostics twice an epoch on 32 training faces
# (HeadDiagnosticsHook: decoder attention entropy, token spread between
# images, each loss's gradient on the backbone).
custom_hooks = [dict(type='HeadDiagnosticsHook', interval=19)]
