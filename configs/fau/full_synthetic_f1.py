# Fold 1 of the synthetic family under its fold name: the README's main job.
_base_ = ['./full_synthetic.py']
