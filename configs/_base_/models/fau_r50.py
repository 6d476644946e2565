# The paper's model: ResNet-50 up to conv4_x (stride 16, 1024 channels),
# RoIAlign over the 8 judgment regions, map layer M, AU encoder Ea, region
# encoder Er and AU decoder Da (6 layers, 8 heads each; each AU's query in
# Da starts from that AU's own token, see FACSRuleHead), MLP classifiers
# (256, 128). Predicts every AU of the rule table unless a config names
# its dataset's `aus`.
embed_dims = 256
transformer = dict(
    embed_dims=embed_dims,
    num_layers=6,
    num_heads=8,
    ffn_dims=2048,
    dropout=0.1)
model = dict(
    type='FAURecognizer',
    data_preprocessor=dict(
        type='FAUDataPreprocessor',
        mean=[123.675, 116.28, 103.53],
        std=[58.395, 57.12, 57.375],
        to_rgb=True,
        channels_last=False,
        non_blocking=True),
    backbone=dict(
        type='mmpretrain.ResNet',
        depth=50,
        num_stages=3,
        strides=(1, 2, 2),
        dilations=(1, 1, 1),
        out_indices=(2, ),
        style='pytorch',
        init_cfg=dict(
            type='Pretrained',
            checkpoint='https://download.openmmlab.com/mmclassification/v0/'
            'resnet/resnet50_8xb32_in1k_20210831-ea4938fc.pth',
            prefix='backbone')),
    # RoIAlign + average over each region, computed exactly as one batched
    # product (backend='separable'); 'torchvision' and 'mmcv' give the same
    neck=dict(
        type='RegionRoIAlign',
        backend='separable',
        output_size=7,
        spatial_scale=1 / 16,
        sampling_ratio=0,
        aligned=True),
    head=dict(
        type='FACSRuleHead',
        in_channels=1024,
        embed_dims=embed_dims,
        map_layer=dict(type='FACSMapLayer'),
        au_encoder=dict(type='TokenEncoder', **transformer),
        region_encoder=dict(type='TokenEncoder', **transformer),
        decoder=dict(type='QueryDecoder', **transformer),
        classifier=dict(type='PerTokenMLP', hidden_dims=(256, 128)),
        loss_au=dict(type='MaskedBCELoss', loss_weight=1.0),
        loss_region=dict(type='MaskedBCELoss', loss_weight=1.0),
        loss_decoder=dict(type='MaskedBCELoss', loss_weight=1.0)),
)
