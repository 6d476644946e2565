"""FACSRuleHead with the switches the decoder study tried."""
from typing import Dict, List, Optional, Sequence

import torch
from torch import Tensor, nn

from mmfau.models.heads import FACSRuleHead
from mmfau.registry import MODELS
from mmfau.structures import FAUDataSample


@MODELS.register_module()
class StudyFACSRuleHead(FACSRuleHead):
    """:class:`mmfau.models.heads.FACSRuleHead` with the decoder study's
    switches. Its decoder is a
    :class:`~decoder_study.study_decoder.StudyQueryDecoder` (whatever
    ``decoder.type`` says); with every switch at its default it is the
    paper's head as mmfau builds it.

    Args:
        queries_from_au_tokens (bool): Each AU's query in Da starts from
            its learned query plus the AU's own token (mmfau's default);
            False: the learned queries alone, as the paper states them.
        decoder_rule_attention (bool): Each AU's query attends, among the
            region tokens of Da's memory, only to its judgment regions; AU
            tokens stay open to every query.
        region_norm (bool): A LayerNorm after the projection of the region
            features into region tokens.
        intensity_source (str): The tokens the intensity regressors read:
            ``'final'`` (Da's, else the AU branch's) or ``'au_encoder'``.
        decoder_aux_loss (bool): Also apply Da's classifier and loss to
            every earlier decoder layer (DETR's auxiliary decoding losses),
            logged as ``loss_decoder_layer<i>``.
        **kwargs: :class:`~mmfau.models.heads.FACSRuleHead`'s arguments.
    """

    def __init__(self,
                 queries_from_au_tokens: bool = True,
                 decoder_rule_attention: bool = False,
                 region_norm: bool = False,
                 intensity_source: str = 'final',
                 decoder_aux_loss: bool = False,
                 **kwargs) -> None:
        if intensity_source not in ('final', 'au_encoder'):
            raise ValueError("intensity_source must be 'final' or "
                             f"'au_encoder', got {intensity_source!r}.")
        super().__init__(**kwargs)
        if intensity_source == 'au_encoder' and self.estimates_intensity \
                and self.map_layer is None:
            raise ValueError("intensity_source='au_encoder' needs the map "
                             'layer that makes the AU tokens.')
        self.queries_from_au_tokens = queries_from_au_tokens
        self.decoder_rule_attention = decoder_rule_attention
        self.intensity_source = intensity_source
        self.decoder_aux_loss = decoder_aux_loss and self.decoder is not None
        if region_norm and self.region_proj is not None:
            self.region_proj = nn.Sequential(
                self.region_proj, nn.LayerNorm(self.region_proj.out_features))

    def build_decoder(self, decoder: Optional[dict],
                      embed_dims: int) -> Optional[nn.Module]:
        """A :class:`~decoder_study.study_decoder.StudyQueryDecoder`
        (whatever ``decoder.type`` says), given the number of tokens in its
        memory (for DETR's memory embeddings): the AU tokens and the region
        tokens of :meth:`memory`."""
        if decoder is None:
            return None
        with_regions = self.region_encoder is not None and \
            self.map_source == 'regions'
        num_memory = (len(self.aus) if self.map_layer is not None else 0) + \
            (self.au_regions.shape[1] if with_regions else 0)
        return super().build_decoder(
            dict(decoder, type='StudyQueryDecoder', num_memory=num_memory),
            embed_dims)

    def intensity_tokens(self, out: Dict[str, Tensor]) -> Tensor:
        """The tokens ``intensity_source`` names: Da's (else the AU
        branch's), or the AU encoder's."""
        if self.intensity_source == 'au_encoder':
            return out['au_tokens']
        return super().intensity_tokens(out)

    def decode(self, au_tokens: Optional[Tensor],
               region_tokens: Optional[Tensor], out: Dict[str, Tensor],
               return_attention: bool = False) -> Tensor:
        """:meth:`FACSRuleHead.decode` with the study's switches; puts
        ``decoder_attention`` (N, L, K, M) in ``out`` on request and
        ``decoder_layer_logits`` (L - 1, N, K) with ``decoder_aux_loss``.
        """
        decoded = self.decoder(
            self.memory(au_tokens, region_tokens),
            self.query_content(au_tokens, region_tokens),
            memory_mask=self._memory_mask(au_tokens, region_tokens),
            all_layers=self.decoder_aux_loss,
            return_attention=return_attention)
        if return_attention:
            decoded, out['decoder_attention'] = decoded
        if self.decoder_aux_loss:
            *earlier, decoded = decoded
            if earlier:
                earlier = torch.stack(earlier)
                out['decoder_layer_logits'] = self.decoder_classifier(
                    earlier.flatten(0, 1)).unflatten(0, earlier.shape[:2])
        return decoded

    def query_content(self, au_tokens: Optional[Tensor],
                      region_tokens: Optional[Tensor]) -> Optional[Tensor]:
        if not self.queries_from_au_tokens:
            return None
        return super().query_content(au_tokens, region_tokens)

    def _memory_mask(self, au_tokens: Optional[Tensor],
                     region_tokens: Optional[Tensor]) -> Optional[Tensor]:
        """Which memory tokens each AU query may read, or None for all."""
        has_regions = region_tokens is not None and \
            self.map_source == 'regions'
        if not (self.decoder_rule_attention and has_regions):
            return None
        rules = self.au_regions > 0
        if au_tokens is None:
            return rules
        every_au = torch.ones(len(self.aus), au_tokens.shape[1],
                              dtype=torch.bool, device=rules.device)
        return torch.cat([every_au, rules], dim=1)

    def loss(self, region_feats: Tensor,
             data_samples: List[FAUDataSample]) -> Dict[str, Tensor]:
        """The paper's losses, and ``loss_decoder_layer<i>`` with
        ``decoder_aux_loss``."""
        out = self.branches(region_feats)
        targets = self.targets(data_samples, out)
        losses = self.branch_losses(out, targets)
        for i, logits in enumerate(out.get('decoder_layer_logits', [])):
            losses[f'loss_decoder_layer{i}'] = self.loss_decoder(
                logits, *targets['aus'])
        return losses

    def set_au_base_rates(self, rates: Sequence[float]) -> List[str]:
        """Start every AU classifier's output bias at the logit of the AU's
        base rate (the prior initialisation of RetinaNet's classifier).

        Args:
            rates (Sequence[float]): Each AU's share of positive labels in
                the training data, clipped to [0.001, 0.999].

        Returns:
            list[str]: The classifiers whose biases were set.
        """
        rates = torch.as_tensor(rates, dtype=torch.float32).clamp(
            1e-3, 1 - 1e-3)
        applied = []
        for name in ('au_classifier', 'decoder_classifier'):
            classifier = getattr(self, name)
            if classifier is not None:
                with torch.no_grad():
                    classifier.biases[-1].copy_(
                        torch.logit(rates).view(-1, 1))
                applied.append(name)
        return applied

    def set_au_pos_weight(self, weights: Sequence[float]) -> List[str]:
        """Weight the positive labels of every AU loss (not the region
        task's), e.g. by the AUs' rarity.

        Args:
            weights (Sequence[float]): One weight per AU.

        Returns:
            list[str]: The losses that took the weights.
        """
        applied = []
        for name in ('loss_au', 'loss_decoder'):
            loss = getattr(self, name)
            if loss is not None:
                loss.set_pos_weight(weights)
                applied.append(name)
        return applied
