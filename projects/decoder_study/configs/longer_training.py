# The synthetic schedule's shape (100-iteration warm-up, cosine decay) over
# three times the epochs: 48 epochs, 1,824 optimiser steps instead of 608.
max_epochs = 48
param_scheduler = [
    dict(type='LinearLR', start_factor=0.05, by_epoch=False, begin=0,
         end=100),
    dict(type='CosineAnnealingLR', by_epoch=True, begin=1, end=max_epochs,
         T_max=max_epochs - 1, convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs, val_interval=12)
default_hooks = dict(checkpoint=dict(interval=12))
