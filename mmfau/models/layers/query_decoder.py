"""A transformer decoder with one learned query per output: the paper's
Da."""
from typing import Optional

import torch
from mmengine.model import BaseModule
from torch import Tensor, nn

from mmfau.registry import MODELS

from .token_transformer import init_embedding


@MODELS.register_module()
class QueryDecoder(BaseModule):
    """Learned queries, one per output, through PyTorch's transformer
    decoder layers (self-attention among the queries, cross-attention over
    the memory, feed-forward; post-norm, as DETR's).

    Args:
        num_queries (int): Queries per face (one per AU).
        embed_dims (int): Token width.
        num_layers (int): Decoder layers (6 in the paper).
        num_heads (int): Attention heads (8 in the paper).
        ffn_dims (int): Feed-forward width.
        dropout (float): Dropout rate.
        init_cfg (dict, optional): Initialisation config.
    """

    def __init__(self,
                 num_queries: int,
                 embed_dims: int = 256,
                 num_layers: int = 6,
                 num_heads: int = 8,
                 ffn_dims: int = 2048,
                 dropout: float = 0.1,
                 init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        self.queries = nn.Parameter(torch.zeros(1, num_queries, embed_dims))
        init_embedding(self.queries)
        self.layers = nn.ModuleList(
            nn.TransformerDecoderLayer(embed_dims, num_heads, ffn_dims,
                                       dropout, batch_first=True)
            for _ in range(num_layers))

    def forward(self,
                memory: Tensor,
                query_content: Optional[Tensor] = None) -> Tensor:
        """Decode the memory.

        Args:
            memory (Tensor): Memory tokens (N, M, D).
            query_content (Tensor, optional): Per-face content added to the
                learned queries (N, K, D), e.g. each AU's own token.

        Returns:
            Tensor: One output token per query (N, K, D).
        """
        x = self.queries.to(memory.dtype).expand(memory.shape[0], -1, -1)
        if query_content is not None:
            x = x + query_content
        for layer in self.layers:
            x = layer(x, memory)
        return x
