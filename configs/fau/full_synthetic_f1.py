# The full method on the built-in synthetic faces with the paper's losses
# (L_a + L_r + L_d), fold 1: train on subject parts P1 and P2, test on P3.
# The paper's components, scaled to train on a 2-core CPU in minutes. The
# family of the ablation (tools/ablation.py); full_synthetic.py adds AU
# intensity for the README's main job.
_base_ = [
    '../_base_/models/fau_r18-half_small.py',
    '../_base_/datasets/synthetic.py',
    '../_base_/schedules/adamw_1e-3_cosine_16e.py',
    '../_base_/default_runtime.py'
]
model = dict(head=dict(aus={{_base_.aus}}))
# a checkpoint at each validation
default_hooks = dict(checkpoint=dict(interval=4))
