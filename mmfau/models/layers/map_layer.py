"""The FACS map layer: one token per AU from exactly that AU's regions."""
from typing import Dict, Optional, Sequence

import torch
from mmengine.model import BaseModule
from torch import Tensor, nn

from mmfau.facs import AU_RULES, NUM_REGIONS, au_region_indices
from mmfau.registry import MODELS


@MODELS.register_module()
class FACSMapLayer(BaseModule):
    """Per-AU linear map from the concatenation of the AU's region features.

    For AU ``k`` judged from regions ``R_k`` the token is
    ``W_k [f_r for r in R_k] + b_k``: a per-AU 1x1 convolution over the
    channel concatenation of its regions, applied to pooled features. All AUs
    are computed in one batched product over the (AU, region) pairs of the
    rule table, with no Python loop.

    Args:
        aus (Sequence[int]): AUs, in the order of the output tokens.
        in_channels (int): Channels of each region feature.
        embed_dims (int): Width of each AU token.
        num_regions (int): Regions in the input.
        au_rules (dict, optional): FACS rule table; defaults to
            :data:`mmfau.facs.AU_RULES`.
        init_cfg (dict, optional): Initialisation config.
    """

    def __init__(self,
                 aus: Sequence[int],
                 in_channels: int,
                 embed_dims: int = 256,
                 num_regions: int = NUM_REGIONS,
                 au_rules: Optional[Dict] = None,
                 init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        rules = AU_RULES if au_rules is None else au_rules
        regions = au_region_indices(aus, rules, num_regions)
        pair_au = [k for k, rs in enumerate(regions) for _ in rs]
        pair_region = [r for rs in regions for r in rs]
        self.num_aus = len(regions)
        self.in_channels = in_channels
        self.embed_dims = embed_dims
        # (K, P): 1 where pair p belongs to AU k; summing the pairs of each
        # AU is one product with it (no scatter, so it exports as is)
        self.register_buffer(
            'au_of_pair',
            torch.nn.functional.one_hot(torch.tensor(pair_au),
                                        self.num_aus).T.float(),
            persistent=False)
        self.register_buffer('pair_region', torch.tensor(pair_region),
                             persistent=False)
        self.weight = nn.Parameter(
            torch.empty(len(pair_au), in_channels, embed_dims))
        self.bias = nn.Parameter(torch.zeros(self.num_aus, embed_dims))
        fan_in = torch.tensor([len(regions[k]) * in_channels
                               for k in pair_au]).float()
        bound = (1.0 / fan_in.sqrt()).view(-1, 1, 1)
        with torch.no_grad():
            self.weight.uniform_(-1, 1).mul_(bound)  # as nn.Linear

    def forward(self, region_feats: Tensor) -> Tensor:
        """Map region features (N, R, C) to AU tokens (N, K, D)."""
        pairs = region_feats[:, self.pair_region]  # (N, P, C)
        per_pair = torch.einsum('npc,pcd->npd', pairs,
                                self.weight.to(pairs.dtype))
        tokens = torch.einsum('kp,npd->nkd',
                              self.au_of_pair.to(per_pair.dtype), per_pair)
        return tokens + self.bias.to(tokens.dtype)
