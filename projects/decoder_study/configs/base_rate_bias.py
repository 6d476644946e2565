# Every AU classifier starts at its AU's training base rate
# (AUBaseRateBiasHook).
_base_ = ['./_base_/study_head.py']
custom_hooks = [dict(type='AUBaseRateBiasHook')]
