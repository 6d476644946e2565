from .map_layer import FACSMapLayer
from .per_token_mlp import PerTokenMLP
from .token_transformer import QueryDecoder, TokenEncoder

__all__ = ['FACSMapLayer', 'PerTokenMLP', 'QueryDecoder', 'TokenEncoder']
