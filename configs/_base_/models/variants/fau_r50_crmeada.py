# CRMEaDa: + decoder whose memory is the AU tokens alone.
_base_ = ['../fau_r50.py']
model = dict(head=dict(region_encoder=None))
