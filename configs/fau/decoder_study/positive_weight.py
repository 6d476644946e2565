# Positive labels of every AU loss weighted by the AU's rarity
# (AUPositiveWeightHook).
custom_hooks = [dict(type='AUPositiveWeightHook')]
