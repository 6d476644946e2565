# CRMEaEr on BP4D, fold 3.
_base_ = ['./full_bp4d_f3.py', '../_base_/models/variants.py']
model = dict(head={{_base_.fau_variants.crmeaer}})
