# The decoder study's head (StudyFACSRuleHead: FACSRuleHead with the
# study's switches, its decoder a StudyQueryDecoder), registered from this
# project. Every switch of the study inherits it.
custom_imports = dict(
    imports=['projects.decoder_study.decoder_study'],
    allow_failed_imports=False)
model = dict(head=dict(type='StudyFACSRuleHead'))
