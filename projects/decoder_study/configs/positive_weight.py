# Positive labels of every AU loss weighted by the AU's rarity
# (AUPositiveWeightHook).
_base_ = ['./_base_/study_head.py']
custom_hooks = [dict(type='AUPositiveWeightHook')]
