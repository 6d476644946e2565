# CRMEaDa on DISFA, fold 2.
_base_ = ['./full_disfa_f2.py', '../_base_/models/variants.py']
model = dict(head={{_base_.fau_variants.crmeada}})
