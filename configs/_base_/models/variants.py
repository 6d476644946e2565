# The paper's ablation variants (its Table 3), each a switch of the
# full model's head components. The one definition of every switch: a
# variant config inherits a full-model config and this file, then applies
# its switch with `model = dict(head={{_base_.fau_variants.<name>}})`.
fau_variants = dict(
    # CRM: regions + map layer; per-AU classifiers on the map tokens.
    crm=dict(au_encoder=None, region_encoder=None, decoder=None),
    # CRMEa: + AU encoder; predict from Ea.
    crmea=dict(region_encoder=None, decoder=None),
    # CRMEaDa: + decoder whose memory is the AU tokens alone.
    crmeada=dict(region_encoder=None),
    # CRErM: region encoder, then the map layer on its outputs.
    crerm=dict(
        map_source='region_encoder', au_encoder=None, decoder=None),
    # CRErDa: region encoder + decoder over the region tokens alone.
    crerda=dict(map_layer=None, au_encoder=None),
    # CRMEaEr: both encoders (Er as auxiliary task); predict from Ea.
    crmeaer=dict(decoder=None),
)
