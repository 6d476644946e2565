# CRMEaDa on DISFA, fold 3.
_base_ = ['./full_disfa_f3.py', '../_base_/models/variants.py']
model = dict(head={{_base_.fau_variants.crmeada}})
