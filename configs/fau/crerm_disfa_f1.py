# CRErM on DISFA, fold 1.
_base_ = ['./full_disfa_f1.py', '../_base_/models/variants.py']
model = dict(head={{_base_.fau_variants.crerm}})
