# BP4D, 12 AUs, 3-fold subject-independent protocol (SPEC.md section 2).
# The converter writes one annotation file per subject part; fold k tests
# one part and trains on the other two (fold 1 tests P3, fold 2 P2, fold 3 P1).
dataset_type = 'FAUDataset'
data_root = 'data/bp4d'
converter = ('python tools/dataset_converters/bp4d.py BP4D_ROOT '
             f'--out {data_root}')
aus = [1, 2, 4, 6, 7, 10, 12, 14, 15, 17, 23, 24]
train_parts = ['P1', 'P2']
test_parts = ['P3']

train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='FaceResize', scale=256),
    dict(type='FaceRandomCrop', crop_size=224),
    dict(type='FaceRandomFlip', prob=0.5),
    dict(type='LandmarksToRegions'),
    dict(type='PackFAUInputs'),
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='FaceResize', scale=256),
    dict(type='FaceCenterCrop', crop_size=224),
    dict(type='LandmarksToRegions'),
    dict(type='PackFAUInputs'),
]


def _part(part, pipeline):
    return dict(
        type=dataset_type,
        data_root=data_root,
        ann_file=f'annotations/{part}.json',
        data_prefix=dict(img_path='images'),
        aus=aus,
        converter=converter,
        pipeline=pipeline)


train_dataloader = dict(
    batch_size=32,
    num_workers=4,
    persistent_workers=True,
    pin_memory=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        type='ConcatDataset',
        datasets=[_part(p, train_pipeline) for p in train_parts]))
val_dataloader = dict(
    batch_size=64,
    num_workers=4,
    persistent_workers=True,
    pin_memory=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type='ConcatDataset',
        datasets=[_part(p, test_pipeline) for p in test_parts]))
val_evaluator = dict(type='AUF1Metric', thr=0.5)
test_dataloader = val_dataloader
test_evaluator = val_evaluator
