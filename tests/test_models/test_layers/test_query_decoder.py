import pytest
import torch
from torch import nn

from mmfau.models.layers import QueryDecoder

SMALL = dict(embed_dims=16, num_layers=2, num_heads=4, ffn_dims=32,
             dropout=0.0)


@pytest.mark.parametrize('norm_first', [False, True])
def test_plain_decoder_is_pytorchs_decoder_and_loads_its_weights(norm_first):
    torch.manual_seed(0)
    decoder = QueryDecoder(num_queries=7, norm_first=norm_first, **SMALL)
    layer = nn.TransformerDecoderLayer(16, 4, 32, 0.0, batch_first=True,
                                       norm_first=norm_first)
    reference = nn.TransformerDecoder(
        layer, 2, norm=nn.LayerNorm(16) if norm_first else None)
    # a checkpoint of the earlier layout (a TransformerDecoder `decoder`)
    old = {f'decoder.{k}': v for k, v in reference.state_dict().items()}
    old['queries'] = decoder.queries.detach().clone()
    decoder.load_state_dict(old)
    decoder.eval()
    reference.eval()
    memory = torch.randn(3, 13, 16)
    queries = decoder.queries.expand(3, -1, -1)
    torch.testing.assert_close(decoder(memory), reference(queries, memory))


def test_detr_embedding_adds_embeddings_to_queries_and_keys_only():
    torch.manual_seed(0)
    decoder = QueryDecoder(num_queries=5, embedding='detr', num_memory=13,
                           **SMALL).eval()
    memory = torch.randn(2, 13, 16)
    tokens, attention = decoder(memory, return_attention=True)
    assert tokens.shape == (2, 5, 16)
    assert attention.shape == (2, 2, 5, 13)
    torch.testing.assert_close(attention.sum(-1), torch.ones(2, 2, 5))
    # the memory embedding moves the attention but is no value: over a
    # memory of one repeated token, the outputs stay the same
    memory = torch.randn(2, 1, 16).expand(-1, 13, -1)
    tokens, before = decoder(memory, return_attention=True)
    with torch.no_grad():
        decoder.memory_embed.add_(torch.randn_like(decoder.memory_embed))
    moved, after = decoder(memory, return_attention=True)
    assert not torch.allclose(after, before)
    torch.testing.assert_close(moved, tokens)


def test_every_layers_output_on_request():
    decoder = QueryDecoder(num_queries=5, norm_first=True, **SMALL).eval()
    memory = torch.randn(2, 9, 16)
    outputs = decoder(memory, all_layers=True)
    assert len(outputs) == 2
    torch.testing.assert_close(outputs[-1], decoder(memory))


def test_bad_embedding_settings_are_explained():
    with pytest.raises(ValueError, match="'input' or 'detr'"):
        QueryDecoder(num_queries=3, embedding='sine', **SMALL)
    with pytest.raises(ValueError, match='num_memory'):
        QueryDecoder(num_queries=3, embedding='detr', **SMALL)
    with pytest.raises(ValueError, match="'default' or 'zero'"):
        QueryDecoder(num_queries=3, residual_init='ones', **SMALL)


@pytest.mark.parametrize('norm_first', [False, True])
def test_zero_residual_init_starts_as_the_identity_and_trains(norm_first):
    decoder = QueryDecoder(num_queries=5, norm_first=norm_first,
                           residual_init='zero', **SMALL)
    decoder.init_weights()  # a later initialisation keeps the zeros
    memory = torch.randn(2, 9, 16, requires_grad=True)
    content = torch.randn(2, 5, 16)
    out = decoder.eval()(memory, query_content=content)
    expected = content + decoder.queries
    norms = [nn.functional.layer_norm] * (
        1 if norm_first else 3 * len(decoder.layers))
    for norm in norms:  # each norm starts at weight 1, bias 0
        expected = norm(expected, (16, ))
    torch.testing.assert_close(out, expected)
    # the zeroed projections learn from the first step, the memory after
    decoder.train()(memory, query_content=content).sum().backward()
    last = decoder.layers[-1]
    assert last.multihead_attn.out_proj.weight.grad.abs().sum() > 0
    assert last.linear2.weight.grad.abs().sum() > 0


@pytest.mark.parametrize('norm_first', [False, True])
def test_without_self_attention_each_query_reads_the_memory_alone(
        norm_first):
    torch.manual_seed(0)
    decoder = QueryDecoder(num_queries=5, norm_first=norm_first,
                           self_attention=False, residual_init='zero',
                           **SMALL)
    assert not any('self_attn' in name or 'norm1' in name
                   for name, _ in decoder.named_parameters())
    decoder.eval()
    memory = torch.randn(2, 9, 16)
    content = torch.randn(2, 5, 16)
    out = decoder(memory, query_content=content)
    assert out.shape == (2, 5, 16)
    # changing one AU's query changes that AU's output token only
    changed = content.clone()
    changed[:, 2] += torch.randn(2, 16)
    moved = decoder(memory, query_content=changed)
    others = [0, 1, 3, 4]
    torch.testing.assert_close(moved[:, others], out[:, others])
    assert not torch.allclose(moved[:, 2], out[:, 2])
    with_self_attention = QueryDecoder(num_queries=5, norm_first=norm_first,
                                       **SMALL).eval()
    coupled = with_self_attention(memory, query_content=content)
    assert not torch.allclose(
        with_self_attention(memory, query_content=changed)[:, 0],
        coupled[:, 0])
