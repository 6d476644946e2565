# CRMEaDa: + decoder whose memory is the AU tokens alone.
_base_ = ['./full_synthetic.py']
model = dict(head=dict(region_encoder=None))
