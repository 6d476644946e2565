# Full method on DISFA, fold 1, with AU intensity (0-5) estimated beside
# occurrence: per-AU regressors on the final AU tokens, a smooth-L1 loss on
# the coded intensities, and ICC(3,1), MAE and Pearson r next to F1.
_base_ = ['./full_disfa_f1.py', '../_base_/models/intensity.py']
model = dict(head=dict(intensity={{_base_.intensity_regressor}}))
val_evaluator = [dict(type='AUF1Metric'), dict(type='AUIntensityMetric')]
test_evaluator = val_evaluator
