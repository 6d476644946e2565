# CRMEaDa on BP4D, fold 2.
_base_ = ['./full_bp4d_f2.py', '../_base_/models/variants.py']
model = dict(head={{_base_.fau_variants.crmeada}})
