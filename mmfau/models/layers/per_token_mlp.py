"""Separate small MLPs for each token, evaluated in one batched product."""
import math
from typing import Sequence

import torch
from mmengine.model import BaseModule
from torch import Tensor, nn

from mmfau.registry import MODELS


@MODELS.register_module()
class PerTokenMLP(BaseModule):
    """One MLP per token (per AU or per region), each with its own weights.

    Token ``k`` of the input goes through its own
    ``Linear -> ReLU -> ... -> Linear`` stack; the stacks are held as 3-D
    weights so all tokens are computed at once, one batched matrix product
    per layer.

    Args:
        num_tokens (int): How many tokens (and MLPs).
        in_channels (int): Input width.
        hidden_dims (Sequence[int]): Hidden widths; ``(256, 128)`` in the
            paper.
        out_channels (int): Output width per token (1 for a logit).
        dropout (float): Dropout after each hidden layer.
        init_cfg (dict, optional): Initialisation config.
    """

    def __init__(self,
                 num_tokens: int,
                 in_channels: int,
                 hidden_dims: Sequence[int] = (256, 128),
                 out_channels: int = 1,
                 dropout: float = 0.0,
                 init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        dims = [in_channels, *hidden_dims, out_channels]
        self.weights = nn.ParameterList()
        self.biases = nn.ParameterList()
        for fan_in, fan_out in zip(dims[:-1], dims[1:]):
            bound = 1 / math.sqrt(fan_in)
            self.weights.append(
                nn.Parameter(
                    torch.empty(num_tokens, fan_in,
                                fan_out).uniform_(-bound, bound)))
            self.biases.append(
                nn.Parameter(
                    torch.empty(num_tokens, fan_out).uniform_(-bound, bound)))
        self.dropout = nn.Dropout(dropout)
        self.num_tokens = num_tokens
        self.out_channels = out_channels

    def forward(self, tokens: Tensor) -> Tensor:
        """Tokens (N, T, C) -> outputs (N, T, out_channels), or (N, T) when
        ``out_channels`` is 1."""
        # tokens first: each layer is one batched product over the tokens
        x = tokens.transpose(0, 1)
        last = len(self.weights) - 1
        for i, (weight, bias) in enumerate(zip(self.weights, self.biases)):
            x = torch.baddbmm(
                bias.to(x.dtype).unsqueeze(1), x, weight.to(x.dtype))
            if i < last:
                x = self.dropout(torch.relu(x))
        x = x.transpose(0, 1)
        return x.squeeze(-1) if self.out_channels == 1 else x
