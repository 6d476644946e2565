# AU intensity beside occurrence (beyond the paper): per-AU regressors on
# the final AU tokens, their loss, and the intensity metric. Merged into
# every run by `tools/ablation.py --intensity`.
model = dict(
    head=dict(intensity=dict(type='PerTokenMLP', hidden_dims=(256, 128))))
val_evaluator = [dict(type='AUF1Metric'), dict(type='AUIntensityMetric')]
test_evaluator = val_evaluator
