# Each AU's query in Da starts from its learned query plus that AU's token
# from Ea: Da refines what Ea found (the paper says only "K learned AU
# queries").
model = dict(head=dict(queries_from_au_tokens=True))
