# The README's main job: the full method on the built-in synthetic faces,
# fold 1 (train on subject parts P1 and P2, test on P3), with AU
# intensity (0-5) estimated beside occurrence.
_base_ = ['./full_synthetic_f1.py', '../_base_/models/intensity.py']
model = dict(head=dict(intensity={{_base_.intensity_regressor}}))
val_evaluator = [dict(type='AUF1Metric'), dict(type='AUIntensityMetric')]
test_evaluator = val_evaluator
