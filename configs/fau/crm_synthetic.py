# CRM: regions + map layer; per-AU classifiers on the map layer's tokens.
_base_ = ['./full_synthetic.py']
model = dict(head=dict(au_encoder=None, region_encoder=None, decoder=None))
