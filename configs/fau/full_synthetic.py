# Full method on the built-in synthetic faces: the main job of the README
# (fold 1: train on subject parts 1 and 2, test on part 3). The paper's
# components, scaled to train on a 2-core CPU in minutes, and AU intensity
# (0-5) estimated beside occurrence.
_base_ = [
    '../_base_/models/fau_r18-half_small.py',
    '../_base_/models/intensity.py',
    '../_base_/datasets/synthetic.py',
    '../_base_/schedules/adamw_1e-3_cosine_16e.py',
    '../_base_/default_runtime.py'
]
model = dict(
    head=dict(aus={{_base_.aus}}, intensity={{_base_.intensity_regressor}}))
val_evaluator = [dict(type='AUF1Metric'), dict(type='AUIntensityMetric')]
test_evaluator = val_evaluator
# a checkpoint at each validation
default_hooks = dict(checkpoint=dict(interval=4))
