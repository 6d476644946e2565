# BP4D, 12 AUs, fold 1 of the 3-fold subject-independent protocol: train on
# parts P1 + P2, test on P3 (fold 2 tests P2, fold 3 tests P1). The converter
# tools/dataset_converters/bp4d.py writes data/bp4d/annotations/P*.json.
dataset_type = 'BP4DDataset'
data_root = 'data/bp4d'
aus = [1, 2, 4, 6, 7, 10, 12, 14, 15, 17, 23, 24]

# The aligned faces' size and framing are not set here: the converter
# writes them into the annotation files, and inference reads them from the
# checkpoint (mmfau.faces.FaceGeometry).
train_pipeline = [
    dict(type='LoadFaceImage'),
    dict(type='FaceResize', scale=256),
    dict(type='FaceRandomCrop', crop_size=224),
    dict(type='FaceRandomFlip', prob=0.5),
    dict(type='LandmarksToRegions'),
    dict(type='PackFAUInputs'),
]
# From an aligned face to model inputs; inference (mmfau.apis) runs these
# steps on the faces it aligns, the test pipeline on the converted images.
inference_pipeline = [
    dict(type='FaceResize', scale=256),
    dict(type='FaceCenterCrop', crop_size=224),
    dict(type='LandmarksToRegions'),
    dict(type='PackFAUInputs'),
]
test_pipeline = [dict(type='LoadFaceImage'), *inference_pipeline]

train_dataloader = dict(
    batch_size=32,
    num_workers='auto',
    persistent_workers=True,
    pin_memory='auto',
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        data_prefix=dict(img_path='images'),
        parts=['P1', 'P2'],
        aus=aus,
        pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=64,
    num_workers='auto',
    persistent_workers=True,
    pin_memory='auto',
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        data_prefix=dict(img_path='images'),
        parts=['P3'],
        aus=aus,
        pipeline=test_pipeline))
val_evaluator = dict(type='AUF1Metric')
test_dataloader = val_dataloader
test_evaluator = val_evaluator
