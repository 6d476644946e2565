# The paper's model and input (ResNet-50, 224x224 crops of 256x256 faces,
# 6-layer transformers of width 256, Adam 1e-5, batch 32) on the built-in
# synthetic faces: the paper's cost without licensed data, e.g. for
# tools/analysis_tools/benchmark.py. Set model.backbone.init_cfg to load
# ImageNet weights (needs the network once).
_base_ = [
    '../_base_/models/fau_r50.py',
    '../_base_/datasets/synthetic.py',
    '../_base_/schedules/adam_1e-5_20e.py',
    '../_base_/default_runtime.py',
]
model = dict(head=dict(aus={{_base_.aus}}))
inference_pipeline = [
    dict(type='FaceCenterCrop', crop_size=224),
    dict(type='LandmarksToRegions'),
    dict(type='PackFAUInputs'),
]
train_dataloader = dict(
    dataset=dict(
        image_size=256,
        pipeline=[
            dict(type='FaceRandomCrop', crop_size=224),
            dict(type='FaceRandomFlip', prob=0.5),
            dict(type='LandmarksToRegions'),
            dict(type='PackFAUInputs'),
        ]))
val_dataloader = dict(
    dataset=dict(image_size=256, pipeline=inference_pipeline))
test_dataloader = val_dataloader
