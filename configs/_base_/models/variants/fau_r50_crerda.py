# CRErDa: region encoder + decoder over the region tokens alone.
_base_ = ['../fau_r50.py']
model = dict(head=dict(map_layer=None, au_encoder=None))
