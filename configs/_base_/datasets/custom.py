# Your own AU-labelled faces, converted by
#     python tools/dataset_converters/custom.py MANIFEST.csv --out data/custom
# which prints the AU list and the folder to set here. Subjects are split
# into parts P1-P3; fold 1 trains on P1 + P2 and tests on P3.
_base_ = ['./bp4d.py']
dataset_type = 'FAUDataset'
data_root = 'data/custom'
# the AUs of your manifest's AU<k> columns, in the model's output order
aus = [1, 2, 4, 6, 7, 10, 12, 14, 15, 17, 23, 24]
custom_dataset = dict(
    type=dataset_type,
    data_root=data_root,
    ann_file='annotations/{part}.json',
    aus=aus,
    converter='python tools/dataset_converters/custom.py MANIFEST.csv '
    f'--out {data_root}')
train_dataloader = dict(dataset=custom_dataset)
val_dataloader = dict(dataset=custom_dataset)
test_dataloader = val_dataloader
