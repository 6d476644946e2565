"""The fused attention and the layers built on it compute what PyTorch's
own modules compute, values and gradients."""
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from mmfau.models.layers.attention import attend, multi_head_attention
from mmfau.models.layers.query_decoder import EmbeddedDecoderLayer
from mmfau.models.layers.token_transformer import EncoderLayer

DIMS, HEADS = 16, 4


def _grads(output, module):
    return torch.autograd.grad(output.square().sum(),
                               list(module.parameters()))


@pytest.mark.parametrize('shared', ['qkv', 'qk', 'kv', 'none'])
def test_attention_equals_pytorchs(shared):
    torch.manual_seed(0)
    attn = nn.MultiheadAttention(DIMS, HEADS, batch_first=True)
    x, w, y, z = (torch.randn(3, length, DIMS) for length in (5, 5, 7, 7))
    query, key, value = dict(qkv=(x, x, x), qk=(x, x, w), kv=(x, y, y),
                             none=(x, y, z))[shared]
    expected = attn(query, key, value, need_weights=False)[0]
    out = multi_head_attention(
        attn, *(t.flatten(0, 1) for t in (query, key, value)),
        batch_size=3).view(expected.shape)
    torch.testing.assert_close(out, expected)
    for got, want in zip(_grads(out, attn), _grads(expected, attn)):
        torch.testing.assert_close(got, want)


def test_masked_attention_equals_pytorchs():
    torch.manual_seed(0)
    attn = nn.MultiheadAttention(DIMS, HEADS, batch_first=True)
    x, memory = torch.randn(3, 4, DIMS), torch.randn(3, 6, DIMS)
    allowed = torch.rand(4, 6) > 0.5
    allowed[:, 0] = True
    expected = attn(x, memory, memory, attn_mask=~allowed,
                    need_weights=False)[0]
    out = multi_head_attention(attn, x.flatten(0, 1), memory.flatten(0, 1),
                               memory.flatten(0, 1), 3, allowed)
    torch.testing.assert_close(out.view(expected.shape), expected)


@pytest.mark.parametrize('masked', [False, True])
def test_attention_with_dropout_on_the_cpu_is_the_reference(masked):
    """On the CPU, attention with dropout is computed explicitly: it must be
    softmax(q k^T / sqrt(E)) with the weights dropped out, times v, with
    the dropout mask drawn from the same random stream."""
    torch.manual_seed(0)
    q, k, v = (torch.randn(2, HEADS, length, 8, requires_grad=True)
               for length in (4, 6, 6))
    allowed = torch.rand(4, 6) > 0.5
    allowed[:, 0] = True
    mask = allowed if masked else None
    torch.manual_seed(1)
    out = attend(q, k, v, mask, dropout_p=0.5)
    torch.manual_seed(1)
    scores = q @ k.transpose(-1, -2) / 8**0.5
    if masked:
        scores = scores.masked_fill(~allowed, float('-inf'))
    expected = F.dropout(scores.softmax(-1), 0.5) @ v
    torch.testing.assert_close(out, expected)
    for got, want in zip(torch.autograd.grad(out.square().sum(), (q, k, v)),
                         torch.autograd.grad(expected.square().sum(),
                                             (q, k, v))):
        torch.testing.assert_close(got, want)
    # half the weights dropped, the rest doubled: not the undropped result
    assert not torch.allclose(out, attend(q, k, v, mask, dropout_p=0.0))


def _twins(ours, pytorchs, norm_first):
    """Our layer with the weights of PyTorch's, and PyTorch's."""
    torch.manual_seed(0)
    args = dict(d_model=DIMS, nhead=HEADS, dim_feedforward=32, dropout=0.0,
                batch_first=True, norm_first=norm_first)
    reference = pytorchs(**args)
    layer = ours(**args)
    layer.load_state_dict(reference.state_dict())
    return layer, reference


@pytest.mark.parametrize('norm_first', [False, True])
def test_encoder_layer_trains_as_pytorchs(norm_first):
    layer, reference = _twins(EncoderLayer, nn.TransformerEncoderLayer,
                              norm_first)
    x = torch.randn(3, 5, DIMS)
    out, expected = layer(x), reference(x)
    torch.testing.assert_close(out, expected)
    for got, want in zip(_grads(out, layer), _grads(expected, reference)):
        torch.testing.assert_close(got, want)
    with torch.no_grad():  # PyTorch's fast path, the same values
        torch.testing.assert_close(layer.eval()(x), reference.eval()(x))


@pytest.mark.parametrize('norm_first', [False, True])
def test_decoder_layer_without_embeddings_is_pytorchs(norm_first):
    layer, reference = _twins(EmbeddedDecoderLayer,
                              nn.TransformerDecoderLayer, norm_first)
    x, memory = torch.randn(3, 4, DIMS), torch.randn(3, 6, DIMS)
    out, attention = layer(x.flatten(0, 1), memory.flatten(0, 1), 3,
                           return_attention=True)
    expected = reference(x, memory)
    torch.testing.assert_close(out.view(expected.shape), expected)
    assert attention.shape == (3, 4, 6)
    fused, _ = layer(x.flatten(0, 1), memory.flatten(0, 1), 3)
    for got, want in zip(_grads(fused, layer), _grads(expected, reference)):
        torch.testing.assert_close(got, want)
