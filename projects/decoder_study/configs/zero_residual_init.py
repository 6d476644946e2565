# Da's layers start as the identity: the last projection of each attention
# and feed-forward branch starts at zero, so Da first passes each AU's
# query (its own token) through, and a Da variant starts where its twin
# without Da is.
_base_ = ['./_base_/study_head.py']
model = dict(head=dict(decoder=dict(residual_init='zero')))
