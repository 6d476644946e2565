import torch
from torch import nn

from mmfau.models.layers import QueryDecoder

SMALL = dict(embed_dims=16, num_layers=2, num_heads=4, ffn_dims=32,
             dropout=0.0)


def test_the_decoder_is_pytorchs_over_its_learned_queries():
    torch.manual_seed(0)
    decoder = QueryDecoder(num_queries=7, **SMALL).eval()
    layer = nn.TransformerDecoderLayer(16, 4, 32, 0.0, batch_first=True)
    reference = nn.TransformerDecoder(layer, 2).eval()
    # the same parameter names as PyTorch's layers: checkpoints load
    reference.load_state_dict({k: v for k, v in decoder.state_dict().items()
                               if k != 'queries'})
    memory = torch.randn(3, 13, 16)
    content = torch.randn(3, 7, 16)
    queries = decoder.queries.expand(3, -1, -1)
    with torch.no_grad():
        torch.testing.assert_close(decoder(memory),
                                   reference(queries, memory))
        torch.testing.assert_close(decoder(memory, query_content=content),
                                   reference(queries + content, memory))
