# CRM: regions + map layer; classifiers on the map tokens.
_base_ = ['../fau_r50.py']
model = dict(head=dict(au_encoder=None, region_encoder=None, decoder=None))
