"""Transformer encoder over tokens, and the layer settings it shares with
the decoder."""
from typing import Tuple, Union

import torch
from mmengine.model import BaseModule
from torch import Tensor, nn

from mmfau.registry import MODELS

from .attention import multi_head_attention


def init_embedding(param: nn.Parameter) -> None:
    """Learned embeddings start small, as in ViT and DETR."""
    nn.init.trunc_normal_(param, std=0.02)


def layer_args(embed_dims: int, num_heads: int, ffn_dims: int,
                dropout: float, norm_first: bool) -> dict:
    """Arguments of PyTorch's transformer layers, batch first."""
    return dict(
        d_model=embed_dims,
        nhead=num_heads,
        dim_feedforward=ffn_dims,
        dropout=dropout,
        batch_first=True,
        norm_first=norm_first)


def final_norm(embed_dims: int, norm_first: bool):
    """Pre-norm stacks end with a LayerNorm; post-norm ones need none."""
    return nn.LayerNorm(embed_dims) if norm_first else None


class EncoderLayer(nn.TransformerEncoderLayer):
    """PyTorch's encoder layer (same parameters, same results) that trains
    in fewer operations: tokens flattened over the batch for every linear
    layer, and self-attention through fused scaled dot-product attention
    (:func:`multi_head_attention`). Inference without gradients keeps
    PyTorch's one-kernel fast path; masks are not supported."""

    def forward(self, src: Tensor, src_mask=None, src_key_padding_mask=None,
                is_causal: bool = False) -> Tensor:
        if src_mask is not None or src_key_padding_mask is not None:
            raise ValueError('EncoderLayer takes no attention masks.')
        if not torch.is_grad_enabled():
            return super().forward(src)
        n, t, d = src.shape
        x = src.reshape(n * t, d)

        def attend(h: Tensor) -> Tensor:
            return self.dropout1(
                multi_head_attention(self.self_attn, h, h, h, n))

        if self.norm_first:
            x = x + attend(self.norm1(x))
            x = x + self._ff_block(self.norm2(x))
        else:
            x = self.norm1(x + attend(x))
            x = self.norm2(x + self._ff_block(x))
        return x.view(n, t, d)


@MODELS.register_module()
class TokenEncoder(BaseModule):
    """Learned position embeddings plus a transformer encoder.

    Used as the AU encoder over AU tokens and as the region encoder over
    region tokens.

    Args:
        num_tokens (int): Tokens per face (one position embedding each).
        embed_dims (int): Token width.
        num_layers (int): Encoder layers (6 in the paper).
        num_heads (int): Attention heads (8 in the paper).
        ffn_dims (int): Feed-forward width.
        dropout (float): Dropout rate.
        norm_first (bool): Pre-norm layers instead of DETR's post-norm.
        init_cfg (dict, optional): Initialisation config.
    """

    def __init__(self,
                 num_tokens: int,
                 embed_dims: int = 256,
                 num_layers: int = 6,
                 num_heads: int = 8,
                 ffn_dims: int = 2048,
                 dropout: float = 0.1,
                 norm_first: bool = False,
                 init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        self.pos_embed = nn.Parameter(torch.zeros(1, num_tokens, embed_dims))
        init_embedding(self.pos_embed)
        layer = EncoderLayer(
            **layer_args(embed_dims, num_heads, ffn_dims, dropout,
                          norm_first))
        self.encoder = nn.TransformerEncoder(
            layer,
            num_layers,
            norm=final_norm(embed_dims, norm_first),
            enable_nested_tensor=False)

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
        x = tokens + self.pos_embed.to(tokens.dtype)
        maps = []
        for layer in self.encoder.layers:
            if return_attention:
                query = layer.norm1(x) if layer.norm_first else x
                maps.append(
                    layer.self_attn(
                        query,
                        query,
                        query,
                        need_weights=True,
                        average_attn_weights=True)[1])
            x = layer(x)
        if self.encoder.norm is not None:
            x = self.encoder.norm(x)
        return (x, torch.stack(maps, dim=1)) if return_attention else x
