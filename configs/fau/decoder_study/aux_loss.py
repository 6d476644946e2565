# Da's classifier and loss also on every earlier decoder layer's output
# (DETR's auxiliary decoding losses).
model = dict(head=dict(decoder_aux_loss=True))
