"""A transformer decoder with one learned query per output (the paper's Da)."""
from typing import List, Optional, Tuple

import torch
from mmengine.model import BaseModule
from torch import Tensor, nn

from mmfau.registry import MODELS

from .attention import multi_head_attention
from .token_transformer import final_norm, init_embedding, layer_args


def _plus(tokens: Tensor, embedding: Optional[Tensor]) -> Tensor:
    return tokens if embedding is None else tokens + embedding


class EmbeddedDecoderLayer(nn.TransformerDecoderLayer):
    """PyTorch's decoder layer, with embeddings added to the queries and
    keys of its attentions (never to the values), as DETR does, and its
    attentions run through fused scaled dot-product attention
    (:func:`multi_head_attention`).

    Without embeddings it computes exactly what
    :class:`torch.nn.TransformerDecoderLayer` computes, with the same
    parameter names, so checkpoints load either way.

    Args:
        self_attention (bool): Keep the self-attention block, in which the
            queries attend to each other. Without it (and its norm) each
            query reads the memory on its own, as in the label-query
            decoders of Query2Label and ML-Decoder.
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
                batch_size: int,
                query_embed: Optional[Tensor] = None,
                memory_embed: Optional[Tensor] = None,
                return_attention: bool = False,
                memory_mask: Optional[Tensor] = None
                ) -> Tuple[Tensor, Optional[Tensor]]:
        """Decode one layer, on tokens flattened over the batch (each linear
        layer is then one matrix product).

        Args:
            x (Tensor): Query tokens (N * K, D), each face's together.
            memory (Tensor): Memory tokens (N * M, D).
            batch_size (int): N.
            query_embed (Tensor, optional): Added to the queries and keys of
                self-attention and to the queries of cross-attention,
                (N * K, D).
            memory_embed (Tensor, optional): Added to the keys of
                cross-attention, (N * M, D).
            return_attention (bool): Also return the cross-attention
                weights averaged over heads (N, K, M).
            memory_mask (Tensor, optional): (K, M) bool, True where a query
                may attend to a memory token.

        Returns:
            tuple[Tensor, Tensor | None]: The new tokens (N * K, D) and the
            cross-attention (None unless asked for).
        """
        keys = _plus(memory, memory_embed)

        def self_attend(h: Tensor) -> Tensor:
            q = _plus(h, query_embed)
            return self.dropout1(
                multi_head_attention(self.self_attn, q, q, h, batch_size))

        def cross_attend(h: Tensor) -> Tuple[Tensor, Optional[Tensor]]:
            queries = _plus(h, query_embed)
            if not return_attention:
                return self.dropout2(multi_head_attention(
                    self.multihead_attn, queries, keys, memory,
                    batch_size, memory_mask)), None
            out, weights = self.multihead_attn(
                *(t.view(batch_size, -1, t.shape[-1])
                  for t in (queries, keys, memory)),
                attn_mask=None if memory_mask is None else ~memory_mask,
                need_weights=True, average_attn_weights=True)
            return self.dropout2(out.reshape(h.shape)), weights

        if self.norm_first:
            if self.self_attention:
                x = x + self_attend(self.norm1(x))
            update, attention = cross_attend(self.norm2(x))
            x = x + update
            x = x + self._ff_block(self.norm3(x))
        else:
            if self.self_attention:
                x = self.norm1(x + self_attend(x))
            update, attention = cross_attend(x)
            x = self.norm2(x + update)
            x = self.norm3(x + self._ff_block(x))
        return x, attention


@MODELS.register_module()
class QueryDecoder(BaseModule):
    """A transformer decoder whose queries are learned, one per output.

    The paper states the decoder's depth, heads and learned queries; how the
    queries and the memory are embedded inside it is not stated, and is a
    switch here:

    - ``embedding='input'``: the learned queries are the decoder's input
      and the memory goes in as it is (PyTorch's
      :class:`~torch.nn.TransformerDecoder`).
    - ``embedding='detr'``: as DETR, the decoder's input starts at zero and
      the learned queries are a query embedding added to the queries (and
      self-attention keys) at every layer; a learned embedding per memory
      slot (which also tells AU tokens from region tokens) is added to the
      cross-attention keys at every layer. The first cross-attention then
      writes image content into tokens that carry nothing else.

    Args:
        num_queries (int): Queries per face (one per AU).
        embed_dims (int): Token width.
        num_layers (int): Decoder layers (6 in the paper).
        num_heads (int): Attention heads (8 in the paper).
        ffn_dims (int): Feed-forward width.
        dropout (float): Dropout rate.
        norm_first (bool): Pre-norm layers instead of DETR's post-norm.
        embedding (str): ``'input'`` or ``'detr'``, see above.
        num_memory (int, optional): Memory tokens per face; needed by
            ``embedding='detr'`` (the head sets it).
        residual_init (str): How the layers' residual branches start:
            ``'default'`` (PyTorch's initialisation) or ``'zero'``: the
            last projection of every attention and feed-forward branch
            starts at zero, so that each layer starts as (the norm of) the
            identity and the decoder passes its input queries through
            unchanged; training then adds what attention finds (as
            zero-initialised residual branches do in ResNets and ReZero).
            With queries that start from each AU's own token, a decoder
            variant then starts from the prediction of its twin without Da.
        self_attention (bool): Let the queries attend to each other in
            every layer (PyTorch's and DETR's decoder layer). ``False``
            drops that block, as Query2Label and ML-Decoder do: each AU's
            query then reads the memory on its own.
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
            raise ValueError("QueryDecoder's embedding must be 'input' or "
                             f"'detr', got {embedding!r}.")
        if embedding == 'detr' and not num_memory:
            raise ValueError("QueryDecoder(embedding='detr') needs "
                             'num_memory, the memory tokens per face.')
        self.embedding = embedding
        self.queries = nn.Parameter(torch.zeros(1, num_queries, embed_dims))
        init_embedding(self.queries)
        self.memory_embed = None
        if embedding == 'detr':
            self.memory_embed = nn.Parameter(
                torch.zeros(1, num_memory, embed_dims))
            init_embedding(self.memory_embed)
        args = layer_args(embed_dims, num_heads, ffn_dims, dropout,
                          norm_first)
        self.layers = nn.ModuleList(
            EmbeddedDecoderLayer(self_attention=self_attention, **args)
            for _ in range(num_layers))
        self.norm = final_norm(embed_dims, norm_first)
        if residual_init not in ('default', 'zero'):
            raise ValueError("QueryDecoder's residual_init must be 'default' "
                             f"or 'zero', got {residual_init!r}.")
        self.residual_init = residual_init
        self._zero_residual_branches()

    def init_weights(self) -> None:
        """Apply ``init_cfg``, then start the residual branches as
        ``residual_init`` asks (after any initialisation of the head's)."""
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
                all_layers: bool = False,
                return_attention: bool = False,
                query_content: Optional[Tensor] = None,
                memory_mask: Optional[Tensor] = None):
        """Decode the memory.

        Args:
            memory (Tensor): Memory tokens (N, M, D).
            all_layers (bool): Return every layer's output tokens (the final
                norm applied to each), for losses on every layer.
            return_attention (bool): Also return every layer's
                cross-attention, averaged over heads.
            query_content (Tensor, optional): Per-image content added to
                the decoder's input (N, K, D), e.g. each AU's own token.
            memory_mask (Tensor, optional): (K, M) bool, True where query k
                may attend to memory token m, in every layer.

        Returns:
            Tensor | list[Tensor] | tuple: One output token per query
            (N, K, D), or a list of them per layer with ``all_layers``; with
            ``return_attention`` also the cross-attention (N, L, K, M),
            row k of each summing to 1.
        """
        n, num_memory, dims = memory.shape
        queries = self.queries.to(memory.dtype).expand(n, -1, -1)
        if self.embedding == 'detr':
            x, query_embed = torch.zeros_like(queries), queries
            memory_embed = self.memory_embed.to(memory.dtype).expand(
                n, -1, -1).reshape(n * num_memory, dims)
        else:
            x, query_embed, memory_embed = queries, None, None
        if query_content is not None:
            x = x + query_content
        shape = x.shape
        x = x.reshape(-1, dims)
        if query_embed is not None:
            query_embed = query_embed.reshape(-1, dims)
        memory = memory.reshape(-1, dims)
        outputs: List[Tensor] = []
        maps: List[Tensor] = []
        for layer in self.layers:
            x, attention = layer(x, memory, n, query_embed, memory_embed,
                                 return_attention, memory_mask)
            if all_layers:
                outputs.append(x)
            if return_attention:
                maps.append(attention)
        norm = self.norm if self.norm is not None else nn.Identity()
        result = [norm(t).view(shape) for t in outputs] if all_layers \
            else norm(x).view(shape)
        if return_attention:
            return result, torch.stack(maps, dim=1)
        return result

    def _load_from_state_dict(self, state_dict, prefix, *args, **kwargs):
        # checkpoints made before the layers were embedded held them in a
        # torch.nn.TransformerDecoder named `decoder`
        old = prefix + 'decoder.'
        for key in [k for k in state_dict if k.startswith(old)]:
            state_dict[prefix + key[len(old):]] = state_dict.pop(key)
        super()._load_from_state_dict(state_dict, prefix, *args, **kwargs)
