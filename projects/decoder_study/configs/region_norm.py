# A LayerNorm after the projection of the region features into region
# tokens (they come out nearly alike without it: cosine 0.89 at start).
_base_ = ['./_base_/study_head.py']
model = dict(head=dict(region_norm=True))
