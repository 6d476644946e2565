# Full method on the synthetic faces (the paper's losses), fold 3: test
# on part 1, train on the others.
_base_ = ['./full_synthetic_f1.py']
train_dataloader = dict(dataset=dict(parts=('P2', 'P3')))
val_dataloader = dict(dataset=dict(parts=('P1',)))
test_dataloader = val_dataloader
