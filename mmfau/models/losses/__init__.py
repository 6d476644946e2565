from .au_bce_loss import MaskedBCELoss

__all__ = ['MaskedBCELoss']
