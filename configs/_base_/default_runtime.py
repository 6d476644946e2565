# mmfau's tools run every config with SafeCheckpointRunner: checkpoints written
# atomically, as plain numbers (they load with torch.load's safe default),
# with the random state that makes a resumed run continue exactly.
default_scope = 'mmfau'

default_hooks = dict(
    timer=dict(type='IterTimerHook'),
    logger=dict(type='LoggerHook', interval=20),
    param_scheduler=dict(type='ParamSchedulerHook'),
    checkpoint=dict(
        type='CheckpointHook',
        interval=1,
        max_keep_ckpts=2,
        save_best='F1/mean',
        rule='greater'),
    sampler_seed=dict(type='DistSamplerSeedHook'),
    # draws a few validation faces with regions and AU probabilities
    visualization=dict(type='FAUVisualizationHook', num_samples=4),
)

# FiniteLossHook stops at the first NaN/inf loss, before any checkpoint;
# PopulationBaselineHook stores the training subjects' baseline with the
# last checkpoints, for per-person calibration (--calibrate).
custom_hooks = [dict(type='FiniteLossHook'),
                dict(type='PopulationBaselineHook')]

env_cfg = dict(
    cudnn_benchmark=False,
    mp_cfg=dict(mp_start_method='fork', opencv_num_threads=0),
    dist_cfg=dict(backend='nccl'),
)

# add dict(type='TensorboardVisBackend') to log to TensorBoard too
vis_backends = [dict(type='LocalVisBackend')]
visualizer = dict(type='FAUVisualizer', vis_backends=vis_backends)

log_processor = dict(by_epoch=True)
log_level = 'INFO'
load_from = None
resume = False
randomness = dict(seed=0, deterministic=False)
