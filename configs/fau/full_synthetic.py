# Full method on the built-in synthetic faces: the main job of the README.
# Same components as the paper's model, scaled to train on a 2-core CPU in
# minutes: ResNet-18 at half width up to stage 3 at stride 8, 112x112 input,
# 2-layer transformers of width 128.
_base_ = [
    '../_base_/models/fau_r50.py', '../_base_/datasets/synthetic.py',
    '../_base_/default_runtime.py'
]
transformer = dict(
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
        aus={{_base_.aus}},
        in_channels=128,
        embed_dims=128,
        au_encoder=transformer,
        region_encoder=transformer,
        decoder=transformer))

optim_wrapper = dict(
    optimizer=dict(type='AdamW', lr=1e-3, weight_decay=1e-4, fused=True),
    clip_grad=dict(max_norm=5.0))
max_epochs = 16
param_scheduler = [
    dict(type='LinearLR', start_factor=0.05, by_epoch=False, begin=0,
         end=100),
    dict(type='CosineAnnealingLR', by_epoch=True, begin=1, end=max_epochs,
         T_max=max_epochs - 1, convert_to_iter_based=True),
]
train_cfg = dict(by_epoch=True, max_epochs=max_epochs, val_interval=4)
val_cfg = dict()
test_cfg = dict()
auto_scale_lr = dict(base_batch_size=32)
default_hooks = dict(checkpoint=dict(interval=4))
