"""Da with the decoder study's switches: how queries and memory are
embedded, residual branches that start at zero, no self-attention,
pre-norm layers, attention masks, every layer's output and attention."""
from typing import List, Optional, Tuple

import torch
from mmengine.model import BaseModule
from torch import Tensor, nn

from mmfau.models.layers.token_transformer import init_embedding
from mmfau.registry import MODELS


def _plus(tokens: Tensor, embedding: Optional[Tensor]) -> Tensor:
    return tokens if embedding is None else tokens + embedding


class StudyDecoderLayer(nn.TransformerDecoderLayer):
    """PyTorch's decoder layer (same parameter names, so checkpoints load
    either way) with embeddings added to the queries and keys of its
    attentions, never to the values, as DETR does; an optional mask of the
    memory each query may read; the cross-attention weights on request.

    Args:
        self_attention (bool): Keep the block in which the queries attend
            to each other. Without it (and its norm) each query reads the
            memory on its own, as in Query2Label and ML-Decoder.
        **kwargs: :class:`torch.nn.TransformerDecoderLayer`'s arguments.
    """

    def __init__(self, self_attention: bool = True, **kwargs) -> None:
        super().__init__(**kwargs)
        self.self_attention = self_attention
        if not self_attention:
            del self.self_attn, self.norm1, self.dropout1

    def forward(self,
                x: Tensor,
                memory: Tensor,
                query_embed: Optional[Tensor] = None,
                memory_embed: Optional[Tensor] = None,
                memory_mask: Optional[Tensor] = None,
                need_weights: bool = False
                ) -> Tuple[Tensor, Optional[Tensor]]:
        """Decode one layer.

        Args:
            x (Tensor): Query tokens (N, K, D).
            memory (Tensor): Memory tokens (N, M, D).
            query_embed (Tensor, optional): Added to the queries and keys of
                self-attention and to the queries of cross-attention.
            memory_embed (Tensor, optional): Added to the keys of
                cross-attention.
            memory_mask (Tensor, optional): (K, M) bool, True where a query
                may attend to a memory token.
            need_weights (bool): Also return the cross-attention weights,
                mean over heads (N, K, M).

        Returns:
            tuple[Tensor, Tensor | None]: The new tokens and the weights.
        """
        keys = _plus(memory, memory_embed)
        mask = None if memory_mask is None else ~memory_mask

        def self_block(h: Tensor) -> Tensor:
            q = _plus(h, query_embed)
            return self.dropout1(self.self_attn(q, q, h,
                                                need_weights=False)[0])

        def cross_block(h: Tensor) -> Tuple[Tensor, Optional[Tensor]]:
            out, weights = self.multihead_attn(
                _plus(h, query_embed), keys, memory, attn_mask=mask,
                need_weights=need_weights, average_attn_weights=True)
            return self.dropout2(out), weights

        if self.norm_first:
            if self.self_attention:
                x = x + self_block(self.norm1(x))
            update, weights = cross_block(self.norm2(x))
            x = x + update
            x = x + self._ff_block(self.norm3(x))
        else:
            if self.self_attention:
                x = self.norm1(x + self_block(x))
            update, weights = cross_block(x)
            x = self.norm2(x + update)
            x = self.norm3(x + self._ff_block(x))
        return x, weights


@MODELS.register_module()
class StudyQueryDecoder(BaseModule):
    """:class:`mmfau.models.QueryDecoder` with the study's switches; with
    the defaults it computes what that decoder computes, with the same
    parameter names.

    Args:
        num_queries (int): Queries per face (one per AU).
        embed_dims (int): Token width.
        num_layers (int): Decoder layers.
        num_heads (int): Attention heads.
        ffn_dims (int): Feed-forward width.
        dropout (float): Dropout rate.
        norm_first (bool): Pre-norm layers (and a final norm) instead of
            DETR's post-norm.
        embedding (str): ``'input'``: the learned queries are the decoder's
            input, the memory goes in as it is. ``'detr'``: the input
            starts at zero, the learned queries are added to the queries
            (and self-attention keys) of every layer, and a learned
            embedding per memory slot to the cross-attention keys.
        num_memory (int, optional): Memory tokens per face, for
            ``embedding='detr'`` (the study's head sets it; unused
            otherwise).
        residual_init (str): ``'default'``, or ``'zero'``: the last
            projection of every attention and feed-forward branch starts at
            zero, so each layer starts as (the norm of) the identity.
        self_attention (bool): Keep the queries' self-attention blocks.
        init_cfg (dict, optional): Initialisation config.
    """

    def __init__(self,
                 num_queries: int,
                 embed_dims: int = 256,
                 num_layers: int = 6,
                 num_heads: int = 8,
                 ffn_dims: int = 2048,
                 dropout: float = 0.1,
                 norm_first: bool = False,
                 embedding: str = 'input',
                 num_memory: Optional[int] = None,
                 residual_init: str = 'default',
                 self_attention: bool = True,
                 init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        if embedding not in ('input', 'detr'):
            raise ValueError("StudyQueryDecoder's embedding must be 'input' "
                             f"or 'detr', got {embedding!r}.")
        if residual_init not in ('default', 'zero'):
            raise ValueError("StudyQueryDecoder's residual_init must be "
                             f"'default' or 'zero', got {residual_init!r}.")
        if embedding == 'detr' and not num_memory:
            raise ValueError("StudyQueryDecoder(embedding='detr') needs "
                             'num_memory, the memory tokens per face.')
        self.embedding = embedding
        self.residual_init = residual_init
        self.queries = nn.Parameter(torch.zeros(1, num_queries, embed_dims))
        init_embedding(self.queries)
        self.memory_embed = None
        if embedding == 'detr':
            self.memory_embed = nn.Parameter(
                torch.zeros(1, num_memory, embed_dims))
            init_embedding(self.memory_embed)
        self.layers = nn.ModuleList(
            StudyDecoderLayer(
                self_attention=self_attention, d_model=embed_dims,
                nhead=num_heads, dim_feedforward=ffn_dims, dropout=dropout,
                batch_first=True, norm_first=norm_first)
            for _ in range(num_layers))
        self.norm = nn.LayerNorm(embed_dims) if norm_first else None
        self._zero_residual_branches()

    def init_weights(self) -> None:
        """Apply ``init_cfg``, then start the residual branches as
        ``residual_init`` asks."""
        super().init_weights()
        self._zero_residual_branches()

    def _zero_residual_branches(self) -> None:
        if self.residual_init != 'zero':
            return
        with torch.no_grad():
            for layer in self.layers:
                branches = [layer.multihead_attn.out_proj, layer.linear2]
                if layer.self_attention:
                    branches.append(layer.self_attn.out_proj)
                for last in branches:
                    last.weight.zero_()
                    last.bias.zero_()

    def forward(self,
                memory: Tensor,
                query_content: Optional[Tensor] = None,
                memory_mask: Optional[Tensor] = None,
                all_layers: bool = False,
                return_attention: bool = False):
        """Decode the memory.

        Args:
            memory (Tensor): Memory tokens (N, M, D).
            query_content (Tensor, optional): Per-face content added to the
                decoder's input (N, K, D).
            memory_mask (Tensor, optional): (K, M) bool, True where query k
                may attend to memory token m, in every layer.
            all_layers (bool): Return every layer's tokens (the final norm
                applied to each), last one last.
            return_attention (bool): Also return every layer's
                cross-attention (N, L, K, M), mean over heads.

        Returns:
            Tensor | list[Tensor] | tuple: The tokens (N, K, D) (a list of
            them with ``all_layers``), and with ``return_attention`` the
            attention.
        """
        n = len(memory)
        queries = self.queries.to(memory.dtype).expand(n, -1, -1)
        query_embed = memory_embed = None
        x = queries
        if self.embedding == 'detr':
            x, query_embed = torch.zeros_like(queries), queries
            memory_embed = self.memory_embed.to(memory.dtype)
        if query_content is not None:
            x = x + query_content
        outputs: List[Tensor] = []
        maps: List[Tensor] = []
        for layer in self.layers:
            x, weights = layer(x, memory, query_embed, memory_embed,
                               memory_mask, need_weights=return_attention)
            outputs.append(x)
            maps.append(weights)
        norm = self.norm if self.norm is not None else nn.Identity()
        result = [norm(t) for t in outputs] if all_layers else norm(x)
        if return_attention:
            return result, torch.stack(maps, dim=1)
        return result
