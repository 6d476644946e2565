# DISFA, 8 AUs (present at intensity >= 2), fold 1 of the 3-fold
# subject-independent protocol: train on parts P1 + P2, test on P3 (fold 2
# tests P2, fold 3 tests P1). The converter tools/dataset_converters/disfa.py
# writes data/disfa/annotations/P*.json. Pipelines and loaders as BP4D's.
_base_ = ['./bp4d.py']
dataset_type = 'DISFADataset'
data_root = 'data/disfa'
aus = [1, 2, 4, 6, 9, 12, 25, 26]
disfa_dataset = dict(type=dataset_type, data_root=data_root, aus=aus)
train_dataloader = dict(dataset=disfa_dataset)
val_dataloader = dict(dataset=disfa_dataset)
test_dataloader = val_dataloader
