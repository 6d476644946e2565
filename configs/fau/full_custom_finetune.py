# Fine-tune a trained model on your own faces (fold 1): start from the
# weights of `load_from` (a checkpoint with the same AUs, e.g. a BP4D fold)
# and train a few epochs. Give the checkpoint with
#     --cfg-options load_from=work_dirs/full_bp4d_f1/epoch_20.pth
_base_ = ['./full_custom_f1.py']
load_from = 'work_dirs/full_bp4d_f1/epoch_20.pth'
train_cfg = dict(max_epochs=5)
