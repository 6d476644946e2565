"""The head of the method: map layer, AU and region encoders, AU decoder."""
from typing import Dict, List, Optional, Sequence, Union

import torch
from torch import Tensor, nn

from mmfau.facs import (
    AU_RULES,
    MAX_INTENSITY,
    NUM_REGIONS,
    active_region_targets,
    au_region_matrix,
    check_aus,
)
from mmfau.registry import MODELS
from mmfau.structures import FAUDataSample

from .base_au_head import BaseAUHead
from .components import build_optional, check_components

#: Each prediction of the head: its logits, its loss and what it predicts.
_BRANCHES = (('au_logits', 'loss_au', 'aus'),
             ('region_logits', 'loss_region', 'regions'),
             ('decoder_logits', 'loss_decoder', 'aus'),
             ('intensity', 'loss_intensity', 'intensities'))


@MODELS.register_module()
class FACSRuleHead(BaseAUHead):
    """AU recognition from region features, guided by FACS labeling rules.

    The data flow of the paper, each component optional so that the
    ablation variants are configs of this one head::

        region features -> Er (region tokens)  -> region classifiers
        region features (or Er's tokens) -> M -> Ea (AU tokens)
                                                 -> AU classifiers
        K AU queries attending to [Ea; Er]  -> Da -> AU classifiers
        the final AU tokens (Da's, else Ea's) -> intensity regressors

    The final prediction comes from Da when present, else from the AU branch.
    The presence threshold is owned here: :meth:`predict` sets
    ``pred_label`` (and ``pred_threshold``) on every sample, and the metric,
    the CSV writers and the pictures read them.

    Args:
        aus (Sequence[int], optional): AUs predicted, in order; defaults to
            every AU of the rule table.
        in_channels (int): Channels of the region features.
        embed_dims (int): Token width.
        num_regions (int): Regions per face.
        au_rules (dict, optional): FACS rule table (default: the paper's).
        map_layer (dict, optional): Config of M.
        map_source (str): What M maps: ``'regions'`` (pooled region
            features) or ``'region_encoder'`` (Er's outputs, for CRErM).
        au_encoder (dict, optional): Config of Ea.
        region_encoder (dict, optional): Config of Er.
        decoder (dict, optional): Config of Da.
        classifier (dict): Config of the per-AU / per-region classifiers.
        loss_au (dict): Loss on the AU branch's predictions.
        loss_region (dict): Loss of the active-region task.
        loss_decoder (dict): Loss on Da's predictions.
        threshold (float | Sequence[float]): Probability from which an AU is
            present: one value, or one per AU (e.g. tuned on a validation
            split).
        intensity (dict, optional): Config of per-AU regressors of the FACS
            intensity (0-5) from the final AU tokens, e.g.
            ``dict(type='PerTokenMLP', hidden_dims=(256, 128))``; off when
            None. A regression (a sigmoid scaled to 0-5) rather than six
            ordinal classes: ICC, MAE and Pearson r reward an estimate close
            to the coded level, and one output per AU needs no thresholds.
        loss_intensity (dict): Loss of the intensity regressors, on coded
            intensities only.
        intensity_source (str): Which AU tokens the intensity regressors
            read: ``'final'`` (Da's when present, else Ea's) or
            ``'au_encoder'`` (Ea's, so that intensity trains the AU branch
            and leaves Da to the occurrence loss).
        decoder_aux_loss (bool): Also apply the decoder's classifier and
            loss to the output of every earlier decoder layer (DETR's
            auxiliary decoding losses), logged as ``loss_decoder_layer<i>``.
        region_norm (bool): A LayerNorm after the projection of the region
            features into region tokens.
        queries_from_au_tokens (bool): Each AU's query in Da starts from
            the learned query plus that AU's own token: its token from Ea
            (M's when there is no Ea), or without the AU branch (CRErDa)
            the mean of its judgment regions' tokens from Er, as the rule
            table assigns them. Da then refines what was found for each AU
            instead of finding it anew from image-blind queries; learned
            queries alone when False (all the paper states). No effect
            without a decoder.
        decoder_rule_attention (bool): Each AU's query in Da attends, among
            the region tokens of its memory, only to its judgment regions
            (the rule table), as the map layer reads only those; AU tokens
            stay open to every query. No effect without region tokens in
            Da's memory.
        init_cfg (dict, optional): Initialisation config.
    """

    def __init__(self,
                 aus: Optional[Sequence[int]] = None,
                 in_channels: int = 1024,
                 embed_dims: int = 256,
                 num_regions: int = NUM_REGIONS,
                 au_rules: Optional[Dict] = None,
                 map_layer: Optional[dict] = dict(type='FACSMapLayer'),
                 map_source: str = 'regions',
                 au_encoder: Optional[dict] = dict(type='TokenEncoder'),
                 region_encoder: Optional[dict] = dict(type='TokenEncoder'),
                 decoder: Optional[dict] = dict(type='QueryDecoder'),
                 classifier: dict = dict(
                     type='PerTokenMLP', hidden_dims=(256, 128)),
                 loss_au: dict = dict(type='MaskedBCELoss', loss_weight=1.0),
                 loss_region: dict = dict(
                     type='MaskedBCELoss', loss_weight=1.0),
                 loss_decoder: dict = dict(
                     type='MaskedBCELoss', loss_weight=1.0),
                 threshold: Union[float, Sequence[float]] = 0.5,
                 intensity: Optional[dict] = None,
                 loss_intensity: dict = dict(type='MaskedIntensityLoss'),
                 intensity_source: str = 'final',
                 decoder_aux_loss: bool = False,
                 region_norm: bool = False,
                 queries_from_au_tokens: bool = False,
                 decoder_rule_attention: bool = False,
                 init_cfg=None) -> None:
        rules = AU_RULES if au_rules is None else au_rules
        super().__init__(
            check_aus(list(rules) if aus is None else aus, rules,
                      source='The head\'s `aus`'), threshold, init_cfg)
        num_aus = len(self.aus)
        check_components(map_layer, map_source, au_encoder, region_encoder,
                         decoder)
        if intensity_source not in ('final', 'au_encoder'):
            raise ValueError("intensity_source must be 'final' or "
                             f"'au_encoder', got {intensity_source!r}.")
        if intensity is not None and intensity_source == 'au_encoder' \
                and map_layer is None:
            raise ValueError("intensity_source='au_encoder' needs the map "
                             'layer that makes the AU tokens.')
        self.queries_from_au_tokens = queries_from_au_tokens
        self.decoder_rule_attention = decoder_rule_attention
        self.map_source = map_source
        self.intensity_source = intensity_source
        self.decoder_aux_loss = decoder_aux_loss and decoder is not None
        self.register_buffer(
            'au_regions',
            torch.tensor(
                au_region_matrix(self.aus, rules, num_regions),
                dtype=torch.float32),
            persistent=False)
        has_regions = region_encoder is not None
        has_map = map_layer is not None
        has_decoder = decoder is not None

        # Er: region tokens and the active-region task
        self.region_proj = None
        if has_regions:
            self.region_proj = nn.Sequential(
                nn.Linear(in_channels, embed_dims),
                nn.LayerNorm(embed_dims)) if region_norm else nn.Linear(
                    in_channels, embed_dims)
        self.region_encoder = build_optional(
            region_encoder, num_tokens=num_regions, embed_dims=embed_dims)
        self.region_classifier = build_optional(
            classifier if has_regions else None, num_tokens=num_regions,
            in_channels=embed_dims)
        self.loss_region = build_optional(
            loss_region if has_regions else None)

        # M and Ea: AU tokens from each AU's regions
        self.map_layer = build_optional(
            map_layer,
            aus=self.aus,
            in_channels=embed_dims
            if map_source == 'region_encoder' else in_channels,
            embed_dims=embed_dims,
            num_regions=num_regions,
            au_rules=au_rules)
        self.au_encoder = build_optional(
            au_encoder, num_tokens=num_aus, embed_dims=embed_dims)
        self.au_classifier = build_optional(
            classifier if has_map else None, num_tokens=num_aus,
            in_channels=embed_dims)
        self.loss_au = build_optional(loss_au if has_map else None)

        # Da: AU queries over the memory [Ea; Er]
        memory_size = (num_aus if has_map else 0) + (
            num_regions if has_regions and map_source == 'regions' else 0)
        self.decoder = build_optional(
            decoder, num_queries=num_aus, embed_dims=embed_dims,
            num_memory=memory_size)
        self.decoder_classifier = build_optional(
            classifier if has_decoder else None, num_tokens=num_aus,
            in_channels=embed_dims)
        self.loss_decoder = build_optional(
            loss_decoder if has_decoder else None)

        # intensity: regressors on the final AU tokens
        self.intensity_regressor = build_optional(
            intensity, num_tokens=num_aus, in_channels=embed_dims)
        self.loss_intensity = build_optional(
            loss_intensity if intensity is not None else None)

    def forward(self,
                region_feats: Tensor,
                return_attention: bool = False,
                all_decoder_layers: bool = False) -> Dict[str, Tensor]:
        """Run the configured components.

        Args:
            region_feats (Tensor): Pooled region features (N, R, C).
            return_attention (bool): Also return the attention maps (mean
                over heads) of each of the L layers: the encoders'
                self-attention ``region_attention`` (N, L, R, R) and
                ``au_attention`` (N, L, K, K), and the decoder's
                cross-attention over its memory ``decoder_attention``
                (N, L, K, M).
            all_decoder_layers (bool): Also return
                ``decoder_layer_logits`` (L - 1, N, K), the decoder
                classifier's logits on each earlier decoder layer.

        Returns:
            dict[str, Tensor]: ``au_logits`` (N, K) from the AU branch,
            ``region_logits`` (N, R) from Er, ``decoder_logits`` (N, K) from
            Da, ``intensity`` (N, K) estimates 0-5, and the tokens
            ``au_tokens`` (N, K, D), ``region_tokens`` (N, R, D) and
            ``decoder_tokens`` (N, K, D); each only when its component is
            configured.
        """
        out: Dict[str, Tensor] = {}
        region_tokens = au_tokens = None
        if self.region_encoder is not None:
            region_tokens = self._encode(self.region_encoder,
                                         self.region_proj(region_feats),
                                         'region', out, return_attention)
            out['region_logits'] = self.region_classifier(region_tokens)
        if self.map_layer is not None:
            au_tokens = self.map_layer(
                region_tokens
                if self.map_source == 'region_encoder' else region_feats)
            if self.au_encoder is not None:
                au_tokens = self._encode(self.au_encoder, au_tokens, 'au',
                                         out, return_attention)
            out['au_tokens'] = au_tokens
            out['au_logits'] = self.au_classifier(au_tokens)
        if self.decoder is not None:
            memory = [au_tokens] if au_tokens is not None else []
            if region_tokens is not None and self.map_source == 'regions':
                memory.append(region_tokens)
            decoded = self.decoder(
                torch.cat(memory, dim=1), all_layers=all_decoder_layers,
                return_attention=return_attention,
                query_content=self._query_content(au_tokens, region_tokens),
                memory_mask=self._memory_mask(au_tokens, len(memory)))
            if return_attention:
                decoded, out['decoder_attention'] = decoded
            if all_decoder_layers:
                *earlier, decoded = decoded
                if earlier:
                    earlier = torch.stack(earlier)
                    out['decoder_layer_logits'] = self.decoder_classifier(
                        earlier.flatten(0, 1)).unflatten(
                            0, earlier.shape[:2])
            out['decoder_tokens'] = decoded
            out['decoder_logits'] = self.decoder_classifier(decoded)
        if self.intensity_regressor is not None:
            final = au_tokens if self.intensity_source == 'au_encoder' \
                else out.get('decoder_tokens', au_tokens)
            out['intensity'] = MAX_INTENSITY * torch.sigmoid(
                self.intensity_regressor(final).float())
        return out

    def _query_content(self, au_tokens: Optional[Tensor],
                       region_tokens: Optional[Tensor]) -> Optional[Tensor]:
        """Each AU's own tokens for its decoder query (see
        ``queries_from_au_tokens``), or None."""
        if not self.queries_from_au_tokens:
            return None
        if au_tokens is not None:
            return au_tokens
        weights = self.au_regions / self.au_regions.sum(1, keepdim=True)
        return torch.einsum('kr,nrd->nkd', weights.to(region_tokens.dtype),
                            region_tokens)

    def _memory_mask(self, au_tokens: Optional[Tensor],
                     parts: int) -> Optional[Tensor]:
        """Which memory tokens each AU query may attend to (see
        ``decoder_rule_attention``), or None for all."""
        has_regions = parts == 2 or au_tokens is None
        if not (self.decoder_rule_attention and has_regions):
            return None
        rules = self.au_regions > 0
        if au_tokens is None:
            return rules
        every_au = torch.ones(len(self.aus), au_tokens.shape[1],
                              dtype=torch.bool, device=rules.device)
        return torch.cat([every_au, rules], dim=1)

    @staticmethod
    def final_logits(outputs: Dict[str, Tensor]) -> Tensor:
        """The final prediction among :meth:`forward`'s outputs: Da's
        logits when there is a decoder, else the AU branch's."""
        return outputs.get('decoder_logits', outputs.get('au_logits'))

    def au_logits(self, region_feats: Tensor) -> Tensor:
        """The final per-AU logits (N, K): Da's, else the AU branch's."""
        return self.final_logits(self(region_feats))

    @staticmethod
    def _encode(encoder: nn.Module, tokens: Tensor, name: str,
                out: Dict[str, Tensor], return_attention: bool) -> Tensor:
        """Run an encoder, keeping its tokens (and attention) in ``out``."""
        if return_attention:
            tokens, out[f'{name}_attention'] = encoder(
                tokens, return_attention=True)
        else:
            tokens = encoder(tokens)
        out[f'{name}_tokens'] = tokens
        return tokens

    def set_au_base_rates(self, rates: Sequence[float]) -> List[str]:
        """Start every AU classifier's output bias at the logit of the AU's
        base rate, so the untrained head predicts each AU's frequency and
        training starts on what tells faces apart (the prior
        initialisation of RetinaNet's classifier).

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

    def loss(self, region_feats: Tensor,
             data_samples: List[FAUDataSample]) -> Dict[str, Tensor]:
        """Compute the weighted losses of all configured components.

        Args:
            region_feats (Tensor): Pooled region features (N, R, C).
            data_samples (list[FAUDataSample]): With ``gt_au`` and
                ``gt_au_mask``.

        Returns:
            dict[str, Tensor]: ``loss_au``, ``loss_region``, ``loss_decoder``
            where configured.
        """
        outputs = self(region_feats, all_decoder_layers=self.decoder_aux_loss)
        labels = torch.stack([s.gt_au for s in data_samples])
        mask = torch.stack([s.gt_au_mask for s in data_samples])
        targets = dict(aus=(labels, mask))
        if 'region_logits' in outputs:
            targets['regions'] = active_region_targets(
                labels, mask, self.au_regions)
        if 'intensity' in outputs:
            if any('gt_intensity' not in s for s in data_samples):
                raise ValueError(
                    'The intensity regressors need AU intensities '
                    '(au_intensities in the annotation entries, as the '
                    'DISFA and custom converters write them).')
            targets['intensities'] = (
                torch.stack([s.gt_intensity for s in data_samples]),
                torch.stack([s.gt_intensity_mask for s in data_samples]))
        losses = {
            loss_name: getattr(self, loss_name)(outputs[key],
                                                *targets[target])
            for key, loss_name, target in _BRANCHES if key in outputs
        }
        for i, logits in enumerate(outputs.get('decoder_layer_logits', [])):
            losses[f'loss_decoder_layer{i}'] = self.loss_decoder(
                logits, *targets['aus'])
        return losses

    def predict(self,
                region_feats: Tensor,
                data_samples: Optional[List[FAUDataSample]] = None
                ) -> List[FAUDataSample]:
        """Predict AU probabilities and presence.

        Args:
            region_feats (Tensor): Pooled region features (N, R, C).
            data_samples (list[FAUDataSample], optional): Samples to fill in;
                new ones are made when None.

        Returns:
            list[FAUDataSample]: With ``pred_score``, ``pred_label`` and
            ``pred_threshold``, and ``pred_score_au`` / ``pred_label_au``
            (the AU encoder's prediction, when Da makes the final one) and
            ``pred_region_score`` and ``pred_intensity`` where available.
        """
        outputs = self(region_feats)
        data_samples = self.scored_samples(self.final_logits(outputs),
                                           data_samples)
        if 'au_logits' in outputs and 'decoder_logits' in outputs:
            self.scored_samples(outputs['au_logits'], data_samples,
                                suffix='_au')
        region_scores = outputs['region_logits'].float().sigmoid() if (
            'region_logits' in outputs) else None
        for i, sample in enumerate(data_samples):
            if region_scores is not None:
                sample.set_field(region_scores[i], 'pred_region_score')
            if 'intensity' in outputs:
                sample.set_field(outputs['intensity'][i],
                                 'pred_intensity')
        return data_samples
