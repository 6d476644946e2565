from .au_bce_loss import MaskedBCELoss
from .intensity_loss import MaskedIntensityLoss

__all__ = ['MaskedBCELoss', 'MaskedIntensityLoss']
