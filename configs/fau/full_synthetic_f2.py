# Full method on the synthetic faces (the paper's losses), fold 2: test
# on part 2, train on the others.
_base_ = ['./full_synthetic_f1.py']
train_dataloader = dict(dataset=dict(parts=('P1', 'P3')))
val_dataloader = dict(dataset=dict(parts=('P2',)))
test_dataloader = val_dataloader
