# CRMEaEr: both encoders (Er as auxiliary task); predict from Ea.
_base_ = ['../fau_r50.py']
model = dict(head=dict(decoder=None))
