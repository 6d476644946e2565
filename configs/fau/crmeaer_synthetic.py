# CRMEaEr: both encoders (Er as the auxiliary region task); predict from Ea.
_base_ = ['./full_synthetic.py']
model = dict(head=dict(decoder=None))
