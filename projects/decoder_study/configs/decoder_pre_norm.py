# Da's layers normalise before each attention and feed-forward block
# (pre-norm) instead of after the residual sum (DETR's post-norm), so each
# query's content reaches the classifier along an unnormalised residual path.
_base_ = ['./_base_/study_head.py']
model = dict(head=dict(decoder=dict(norm_first=True)))
