# Da without dropout (on its attention weights, its residual branches and
# its feed-forward layers); the encoders keep theirs.
_base_ = ['./_base_/study_head.py']
model = dict(head=dict(decoder=dict(dropout=0.0)))
