# The main job with an iteration-based loop and a checkpoint every 100
# iterations: a killed run resumed with --resume loses at most the
# iterations since its last checkpoint, and MMEngine skips the batches it
# already trained on, so with --deterministic it ends as an uninterrupted
# run does.
_base_ = ['./full_synthetic.py']
max_iters = 16 * 38  # the 16 epochs of the main job
param_scheduler = [
    dict(type='LinearLR', start_factor=0.05, by_epoch=False, begin=0,
         end=100),
    dict(type='CosineAnnealingLR', by_epoch=False, begin=100, end=max_iters,
         T_max=max_iters - 100),
]
train_cfg = dict(
    _delete_=True, type='IterBasedTrainLoop', max_iters=max_iters,
    val_interval=152)
train_dataloader = dict(sampler=dict(type='InfiniteSampler', shuffle=True))
default_hooks = dict(
    checkpoint=dict(by_epoch=False, interval=100, max_keep_ckpts=2),
    logger=dict(interval=20))
log_processor = dict(by_epoch=False)
