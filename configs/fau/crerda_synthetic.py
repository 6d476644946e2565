# CRErDa: region encoder + decoder whose memory is the region tokens alone.
_base_ = ['./full_synthetic.py']
model = dict(head=dict(map_layer=None, au_encoder=None))
