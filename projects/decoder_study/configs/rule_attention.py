# Each AU's query in Da attends, among the region tokens, only to the AU's
# judgment regions (the rule table), as the map layer reads only those.
_base_ = ['./_base_/study_head.py']
model = dict(head=dict(decoder_rule_attention=True))
