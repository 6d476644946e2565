# Full method on your own faces, fold 3: train on P2 + P3, test on P1.
_base_ = ['./full_custom_f1.py']
train_dataloader = dict(dataset=dict(parts=['P2', 'P3']))
val_dataloader = dict(dataset=dict(parts=['P1']))
test_dataloader = val_dataloader
