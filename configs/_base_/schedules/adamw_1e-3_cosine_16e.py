# AdamW at 1e-3 with a 100-iteration warm-up and a cosine decay over 16
# epochs, validating every 4: the schedule of the small synthetic model.
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
