# CRMEa: + AU encoder; predict from Ea.
_base_ = ['./full_synthetic.py']
model = dict(head=dict(region_encoder=None, decoder=None))
