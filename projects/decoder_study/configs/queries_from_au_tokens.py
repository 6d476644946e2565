# Each AU's query in Da starts from its learned query plus that AU's own
# token (Ea's; in CRErDa the mean of its rule regions' tokens): Da refines
# what was found for the AU. The default of every config since the
# decoder study; learned_queries.py switches it off.
_base_ = ['./_base_/study_head.py']
model = dict(head=dict(queries_from_au_tokens=True))
