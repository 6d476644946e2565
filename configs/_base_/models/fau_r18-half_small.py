# The paper's model scaled to train on a 2-core CPU in minutes, every
# component kept: ResNet-18 at half width up to stage 3 at stride 8
# (128 channels), RoIAlign 4x4, map layer, and 2-layer transformers of width
# 128 for Ea, Er and Da. For the built-in synthetic faces (112x112 input).
_base_ = ['./fau_r50.py']
small_transformer = dict(
    embed_dims=128, num_layers=2, num_heads=4, ffn_dims=256, dropout=0.1)
model = dict(
    backbone=dict(
        depth=18,
        stem_channels=32,
        base_channels=32,
        strides=(1, 2, 1),
        init_cfg=None),
    neck=dict(output_size=4, spatial_scale=1 / 8),
    head=dict(
        in_channels=128,
        embed_dims=128,
        au_encoder=small_transformer,
        region_encoder=small_transformer,
        decoder=small_transformer))
