# Full method on your own faces, fold 2: train on P1 + P3, test on P2.
_base_ = ['./full_custom_f1.py']
train_dataloader = dict(dataset=dict(parts=['P1', 'P3']))
val_dataloader = dict(dataset=dict(parts=['P2']))
test_dataloader = val_dataloader
