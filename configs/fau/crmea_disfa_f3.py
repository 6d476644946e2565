# CRMEa on DISFA, fold 3.
_base_ = [
    '../_base_/models/variants/fau_r50_crmea.py',
    '../_base_/datasets/disfa_f3.py',
    '../_base_/schedules/adam_1e-5.py',
    '../_base_/default_runtime.py',
]
model = dict(head=dict(aus={{_base_.aus}}))
