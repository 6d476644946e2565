# The paper: Adam, learning rate 1e-5, batch 32, end to end.
# fused: the same Adam update in one kernel per step (CPU and CUDA)
optim_wrapper = dict(optimizer=dict(type='Adam', lr=1e-5, fused=True))
param_scheduler = []
train_cfg = dict(by_epoch=True, max_epochs=20, val_interval=1)
val_cfg = dict()
test_cfg = dict()
# `--auto-scale-lr` scales lr by (GPUs x batch per GPU) / base_batch_size.
auto_scale_lr = dict(base_batch_size=32)
