# Da's classifier and loss also on every earlier decoder layer's output
# (DETR's auxiliary decoding losses).
_base_ = ['./_base_/study_head.py']
model = dict(head=dict(decoder_aux_loss=True))
