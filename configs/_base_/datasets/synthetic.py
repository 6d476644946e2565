# The built-in synthetic faces: 18 subjects in 3 subject-independent parts,
# named P1-P3 as BP4D's are; all 15 AUs of the rule table. Fold 1: train on
# P1 and P2, test on P3.
dataset_type = 'SyntheticFaceDataset'
aus = [1, 2, 4, 6, 7, 9, 10, 12, 14, 15, 17, 23, 24, 25, 26]
# The dataset stores the drawn faces' geometry in its metainfo; inference
# reads it from the checkpoint and aligns real faces the same way.
synthetic = dict(
    type=dataset_type,
    num_subjects=18,
    frames_per_subject=100,
    image_size=128,
    seed=0,
    aus=aus,
    # every difficulty factor at its default (SyntheticDifficulty); e.g.
    # dict(head_pose=False, coder_disagreement=0.0) switches two off
    difficulty=dict(),
    # each loader worker keeps the faces it drew: later epochs reuse them
    keep_drawn=True)

train_pipeline = [
    dict(type='FaceRandomCrop', crop_size=112),
    dict(type='FaceRandomFlip', prob=0.5),
    dict(type='LandmarksToRegions'),
    dict(type='PackFAUInputs'),
]
# From an aligned face to model inputs: the test pipeline (the faces are
# drawn, not loaded) and what inference runs on the faces it aligns.
inference_pipeline = [
    dict(type='FaceCenterCrop', crop_size=112),
    dict(type='LandmarksToRegions'),
    dict(type='PackFAUInputs'),
]
test_pipeline = inference_pipeline

train_dataloader = dict(
    batch_size=32,
    num_workers='auto',
    persistent_workers=True,
    pin_memory='auto',
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(**synthetic, parts=('P1', 'P2'), pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=64,
    num_workers='auto',
    persistent_workers=True,
    pin_memory='auto',
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(**synthetic, parts=('P3', ), pipeline=test_pipeline))
val_evaluator = dict(type='AUF1Metric')
test_dataloader = val_dataloader
test_evaluator = val_evaluator
