from .map_layer import FACSMapLayer
from .per_token_mlp import PerTokenMLP
from .query_decoder import QueryDecoder
from .token_transformer import TokenEncoder

__all__ = ['FACSMapLayer', 'PerTokenMLP', 'QueryDecoder', 'TokenEncoder']
