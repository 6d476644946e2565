# CRMEa on BP4D, fold 1.
_base_ = [
    '../_base_/models/variants/fau_r50_crmea.py',
    '../_base_/datasets/bp4d.py',
    '../_base_/schedules/adam_1e-5.py',
    '../_base_/default_runtime.py',
]
model = dict(head=dict(aus={{_base_.aus}}))
