# CRErM on BP4D, fold 1.
_base_ = ['./full_bp4d_f1.py', '../_base_/models/variants.py']
model = dict(head={{_base_.fau_variants.crerm}})
