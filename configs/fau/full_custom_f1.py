# Full method (the paper's model and schedule) on your own faces, fold 1:
# train on parts P1 + P2, test on P3. Set `aus` and `data_root` in
# configs/_base_/datasets/custom.py (the converter prints them).
_base_ = [
    '../_base_/models/fau_r50.py',
    '../_base_/datasets/custom.py',
    '../_base_/schedules/adam_1e-5_20e.py',
    '../_base_/default_runtime.py',
]
model = dict(head=dict(aus={{_base_.aus}}))
