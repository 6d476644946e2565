# Da's queries are the learned AU queries alone, as the paper states them
# (before the decoder study, every config's default).
_base_ = ['./_base_/study_head.py']
model = dict(head=dict(queries_from_au_tokens=False))
