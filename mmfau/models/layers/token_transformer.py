"""Transformer encoder over tokens: the paper's Ea and Er."""
from typing import Tuple, Union

import torch
from mmengine.model import BaseModule
from torch import Tensor, nn

from mmfau.registry import MODELS


def init_embedding(param: nn.Parameter) -> None:
    """Learned embeddings start small, as in ViT and DETR."""
    nn.init.trunc_normal_(param, std=0.02)


@MODELS.register_module()
class TokenEncoder(BaseModule):
    """Learned position embeddings plus PyTorch's transformer encoder
    (post-norm layers, as DETR's).

    Used as the AU encoder over AU tokens and as the region encoder over
    region tokens.

    Args:
        num_tokens (int): Tokens per face (one position embedding each).
        embed_dims (int): Token width.
        num_layers (int): Encoder layers (6 in the paper).
        num_heads (int): Attention heads (8 in the paper).
        ffn_dims (int): Feed-forward width.
        dropout (float): Dropout rate.
        init_cfg (dict, optional): Initialisation config.
    """

    def __init__(self,
                 num_tokens: int,
                 embed_dims: int = 256,
                 num_layers: int = 6,
                 num_heads: int = 8,
                 ffn_dims: int = 2048,
                 dropout: float = 0.1,
                 init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        self.pos_embed = nn.Parameter(torch.zeros(1, num_tokens, embed_dims))
        init_embedding(self.pos_embed)
        layer = nn.TransformerEncoderLayer(
            embed_dims, num_heads, ffn_dims, dropout, batch_first=True)
        self.encoder = nn.TransformerEncoder(
            layer, num_layers, enable_nested_tensor=False)

    def forward(self,
                tokens: Tensor,
                return_attention: bool = False
                ) -> Union[Tensor, Tuple[Tensor, Tensor]]:
        """Encode tokens.

        Args:
            tokens (Tensor): Tokens (N, T, D).
            return_attention (bool): Also return each layer's
                self-attention weights, averaged over heads.

        Returns:
            Tensor | tuple[Tensor, Tensor]: Encoded tokens (N, T, D); with
            ``return_attention``, also the attention (N, L, T, T) of the L
            layers, row i of each summing to 1 (token i attends to j).
        """
        # contiguous: PyTorch's fused inference path (no gradients) returns
        # other strides than its compiled form expects for permuted tokens
        # (the map layer's), which breaks a compiled graph that reads them
        x = (tokens + self.pos_embed.to(tokens.dtype)).contiguous()
        if not return_attention:
            return self.encoder(x)
        maps = []
        for layer in self.encoder.layers:
            maps.append(layer.self_attn(x, x, x, need_weights=True,
                                        average_attn_weights=True)[1])
            x = layer(x)
        return x, torch.stack(maps, dim=1)
