# Da decodes as DETR: its input starts at zero, the learned AU queries are
# added to its queries at every layer, and a learned embedding per memory
# slot (AU token or region token, and which) to its cross-attention keys.
_base_ = ['./_base_/study_head.py']
model = dict(head=dict(decoder=dict(embedding='detr')))
