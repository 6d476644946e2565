# CRMEa: + AU encoder; predict from Ea.
_base_ = ['../fau_r50.py']
model = dict(head=dict(region_encoder=None, decoder=None))
