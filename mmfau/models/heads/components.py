"""Building and checking the optional components of :class:`FACSRuleHead`."""
from typing import Optional, Sequence, Union

import torch
from torch import nn

from mmfau.registry import MODELS


def build_optional(cfg: Optional[dict], **defaults) -> Optional[nn.Module]:
    """Build a registered module, or None when its config is None.

    Args:
        cfg (dict, optional): The module's config.
        **defaults: Arguments the config may leave out.

    Returns:
        nn.Module | None
    """
    if cfg is None:
        return None
    cfg = dict(cfg)
    for key, value in defaults.items():
        cfg.setdefault(key, value)
    return MODELS.build(cfg)


def check_components(map_layer: Optional[dict], map_source: str,
                     au_encoder: Optional[dict],
                     region_encoder: Optional[dict],
                     decoder: Optional[dict]) -> None:
    """Refuse combinations of components that cannot make a prediction.

    Args:
        map_layer, au_encoder, region_encoder, decoder (dict, optional):
            The components' configs (None: switched off).
        map_source (str): ``'regions'`` or ``'region_encoder'``.
    """
    if map_source not in ('regions', 'region_encoder'):
        raise ValueError("map_source must be 'regions' or "
                         f"'region_encoder', got {map_source!r}.")
    if map_source == 'region_encoder' and region_encoder is None:
        raise ValueError("map_source='region_encoder' needs a "
                         'region_encoder.')
    if au_encoder is not None and map_layer is None:
        raise ValueError('The AU encoder needs the map layer to make its '
                         'AU tokens.')
    if map_layer is None and decoder is None:
        raise ValueError('Nothing predicts AUs: configure a map_layer '
                         'or a decoder.')
    if decoder is not None and map_layer is None and region_encoder is None:
        raise ValueError('The decoder needs a memory: configure a '
                         'map_layer or a region_encoder.')


def presence_thresholds(threshold: Union[float, Sequence[float]],
                        aus: Sequence[int]) -> torch.Tensor:
    """One presence threshold per AU, checked.

    Args:
        threshold (float | Sequence[float]): One value for all AUs or one
            per AU.
        aus (Sequence[int]): The head's AUs.

    Returns:
        Tensor: Shape (K,), float32, each in (0, 1).
    """
    values = torch.as_tensor(threshold, dtype=torch.float32).flatten()
    if values.numel() == 1:
        values = values.expand(len(aus)).clone()
    if values.numel() != len(aus):
        raise ValueError(f'threshold has {values.numel()} values for '
                         f'{len(aus)} AUs {list(aus)}; give one value or '
                         'one per AU.')
    if not ((values > 0) & (values < 1)).all():
        raise ValueError('Every presence threshold must lie in (0, 1), got '
                         f'{values.tolist()}.')
    return values
