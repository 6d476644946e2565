# Da's queries do not attend to each other: each layer keeps only the
# cross-attention to the memory and the feed-forward block (as the
# label-query decoders of Query2Label and ML-Decoder).
_base_ = ['./_base_/study_head.py']
model = dict(head=dict(decoder=dict(self_attention=False)))
