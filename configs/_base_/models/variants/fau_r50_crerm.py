# CRErM: region encoder, then the map layer on its outputs.
_base_ = ['../fau_r50.py']
model = dict(
    head=dict(map_source='region_encoder', au_encoder=None, decoder=None))
