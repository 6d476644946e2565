# Every AU classifier starts at its AU's training base rate
# (AUBaseRateBiasHook).
custom_hooks = [dict(type='AUBaseRateBiasHook')]
