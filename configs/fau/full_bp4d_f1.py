# Full method on BP4D, fold 1 (train on parts P1 + P2, test on P3).
_base_ = [
    '../_base_/models/fau_r50.py',
    '../_base_/datasets/bp4d.py',
    '../_base_/schedules/adam_1e-5_20e.py',
    '../_base_/default_runtime.py',
]
model = dict(head=dict(aus={{_base_.aus}}))
