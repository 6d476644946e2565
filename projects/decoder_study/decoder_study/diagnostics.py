"""What a training run's head is doing, measured on a fixed batch: how
sharply the decoder attends and whether on the rule table's regions, how
much its tokens tell images apart, and how hard each loss pulls on the
backbone."""
import math
from typing import Dict, List

import torch
from torch import Tensor

from mmfau.structures import FAUDataSample


def attention_entropy(attention: Tensor) -> Tensor:
    """Mean entropy (nats) of attention rows, per layer.

    Args:
        attention (Tensor): (N, L, Q, M), each row over M summing to 1.

    Returns:
        Tensor: (L,); ``log(M)`` for uniform attention, 0 for attention on
        one token.
    """
    p = attention.float().clamp_min(1e-12)
    return -(p * p.log()).sum(-1).mean(dim=(0, 2))


def rule_share(attention: Tensor, au_regions: Tensor) -> Tensor:
    """Share of each AU query's attention to the region tokens that falls
    on that AU's judgment regions (the FACS rule table), per layer.

    Args:
        attention (Tensor): (N, L, K, M) decoder cross-attention whose last
            R memory tokens are the region tokens, in region order.
        au_regions (Tensor): (K, R) 0/1 rule-table matrix.

    Returns:
        Tensor: (L,); 1 when every AU attends only to its judgment regions
        among the region tokens, ``au_regions.mean()`` when it attends to
        all regions alike.
    """
    regions = attention[..., -au_regions.shape[1]:].float()
    on_rules = (regions * au_regions.to(regions)).sum(-1)
    return (on_rules / regions.sum(-1).clamp_min(1e-12)).mean(dim=(0, 2))


def token_spread(tokens: Tensor) -> float:
    """How much tokens differ between images, relative to their size: the
    standard deviation over images of every token feature, averaged, over
    the tokens' root mean square.

    Args:
        tokens (Tensor): (N, T, D), N >= 2 images.

    Returns:
        float: 0 when every image gives the same tokens.
    """
    tokens = tokens.float()
    spread = tokens.std(dim=0).mean()
    return float(spread / tokens.pow(2).mean().sqrt().clamp_min(1e-12))


@torch.no_grad()
def _forward_diagnostics(head, region_feats: Tensor) -> Dict[str, float]:
    out = head.branches(region_feats, return_attention=True)
    result = {}
    if 'decoder_attention' in out:
        entropy = attention_entropy(out['decoder_attention'])
        for i, value in enumerate(entropy.tolist()):
            result[f'decoder_entropy/layer{i}'] = value
        result['decoder_entropy/uniform'] = math.log(
            out['decoder_attention'].shape[-1])
        if 'region_tokens' in out and head.map_source == 'regions':
            share = rule_share(out['decoder_attention'], head.au_regions)
            for i, value in enumerate(share.tolist()):
                result[f'decoder_rule_share/layer{i}'] = value
            result['decoder_rule_share/uniform'] = float(
                head.au_regions.mean())
    for name in ('au', 'region', 'decoder'):
        if f'{name}_tokens' in out:
            result[f'token_spread/{name}'] = token_spread(
                out[f'{name}_tokens'])
    return result


def head_diagnostics(model, inputs: Tensor,
                     data_samples: List[FAUDataSample]) -> Dict[str, float]:
    """Diagnostics of a :class:`~mmfau.models.FAURecognizer` whose head is
    a :class:`~decoder_study.StudyFACSRuleHead`, on one batch, in eval mode
    (no dropout; the model's mode is restored).

    Args:
        model: The recognizer.
        inputs (Tensor): Preprocessed images (N, 3, H, W), N >= 2.
        data_samples (list[FAUDataSample]): With labels and region boxes.

    Returns:
        dict[str, float]: ``decoder_entropy/layer<i>`` (nats) and
        ``decoder_entropy/uniform`` (its maximum) when there is a decoder;
        ``decoder_rule_share/layer<i>`` (see :func:`rule_share`) and
        ``decoder_rule_share/uniform`` (its value for attention spread
        evenly) when the decoder's memory holds region tokens;
        ``token_spread/au``, ``/region``, ``/decoder`` for the token sets
        the head has; ``backbone_grad/<loss>``, the norm of each loss's
        gradient with respect to the backbone's output.
    """
    was_training = model.training
    model.eval()
    try:
        seen = []
        # the backbone's output, as the recognizer's forward path makes it
        handle = model.backbone.register_forward_hook(
            lambda module, args, output: seen.append(output))
        try:
            with torch.enable_grad():
                region_feats = model.extract_feat(inputs, data_samples)
        finally:
            handle.remove()
        with torch.enable_grad():
            features = seen[0]
            if not isinstance(features, Tensor):
                features = features[-1]  # the map the neck pools
            losses = model.head.loss(region_feats, data_samples)
            result = {}
            for name, loss in losses.items():
                grad, = torch.autograd.grad(loss, features,
                                            retain_graph=True)
                result[f'backbone_grad/{name}'] = float(grad.norm())
        result.update(_forward_diagnostics(model.head,
                                           region_feats.detach()))
    finally:
        model.train(was_training)
    return result
