# Fold 1 of your own faces under its fold name (as full_custom.py).
_base_ = ['./full_custom.py']
