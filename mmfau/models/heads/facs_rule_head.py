"""The head of the method: map layer, AU and region encoders, AU decoder."""
from typing import Dict, List, Optional, Sequence

import torch
from mmengine.model import BaseModule
from torch import Tensor, nn

from mmfau.facs import AU_RULES, NUM_REGIONS, au_region_matrix
from mmfau.registry import MODELS
from mmfau.structures import FAUDataSample


def _build(cfg: Optional[dict], **defaults) -> Optional[nn.Module]:
    if cfg is None:
        return None
    cfg = dict(cfg)
    for key, value in defaults.items():
        cfg.setdefault(key, value)
    return MODELS.build(cfg)


@MODELS.register_module()
class FACSRuleHead(BaseModule):
    """AU recognition from region features, guided by FACS labeling rules.

    Components, each built from its own config and each optional, so that the
    ablation variants of the paper are configs of this one head:

    - ``map_layer`` (M): one token per AU from its regions' features.
    - ``au_encoder`` (Ea): transformer over the AU tokens; its per-AU
      classifiers give ``loss_au`` (needs M).
    - ``region_encoder`` (Er): transformer over the region tokens; predicting
      which regions are active gives ``loss_region``.
    - ``decoder`` (Da): learned AU queries attend to the concatenation of the
      AU branch's tokens and Er's tokens; gives ``loss_decoder``.

    The final prediction comes from Da when present, else from the AU branch.

    Args:
        aus (Sequence[int]): AUs predicted, in order.
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
        threshold (float): Probability above which an AU is present.
        init_cfg (dict, optional): Initialisation config.
    """

    def __init__(self,
                 aus: Sequence[int],
                 in_channels: int,
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
                 threshold: float = 0.5,
                 init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        rules = AU_RULES if au_rules is None else au_rules
        self.aus = list(aus)
        num_aus = len(self.aus)
        if map_source not in ('regions', 'region_encoder'):
            raise ValueError("map_source must be 'regions' or "
                             f"'region_encoder', got {map_source!r}.")
        if map_source == 'region_encoder' and region_encoder is None:
            raise ValueError("map_source='region_encoder' needs a "
                             'region_encoder.')
        if au_encoder is not None and map_layer is None:
            raise ValueError('The AU encoder needs the map layer to make its '
                             'AU tokens.')
        if map_layer is None and decoder is None:
            raise ValueError('Nothing predicts AUs: configure a map_layer '
                             'or a decoder.')
        if decoder is not None and map_layer is None and \
                region_encoder is None:
            raise ValueError('The decoder needs a memory: configure a '
                             'map_layer or a region_encoder.')
        self.map_source = map_source
        self.threshold = threshold
        self.register_buffer(
            'au_regions',
            torch.tensor(
                au_region_matrix(self.aus, rules, num_regions),
                dtype=torch.float32),
            persistent=False)

        needs_region_tokens = region_encoder is not None
        self.region_proj = (
            nn.Linear(in_channels, embed_dims) if needs_region_tokens else
            None)
        self.region_encoder = _build(
            region_encoder, num_tokens=num_regions, embed_dims=embed_dims)
        self.region_classifier = _build(
            classifier, num_tokens=num_regions,
            in_channels=embed_dims) if needs_region_tokens else None
        self.loss_region = _build(loss_region) if needs_region_tokens else \
            None

        map_in = embed_dims if map_source == 'region_encoder' else \
            in_channels
        self.map_layer = _build(
            map_layer,
            aus=self.aus,
            in_channels=map_in,
            embed_dims=embed_dims,
            num_regions=num_regions,
            au_rules=au_rules)
        self.au_encoder = _build(
            au_encoder, num_tokens=num_aus, embed_dims=embed_dims)
        self.au_classifier = _build(
            classifier, num_tokens=num_aus,
            in_channels=embed_dims) if map_layer is not None else None
        self.loss_au = _build(loss_au) if map_layer is not None else None

        self.decoder = _build(
            decoder, num_queries=num_aus, embed_dims=embed_dims)
        self.decoder_classifier = _build(
            classifier, num_tokens=num_aus,
            in_channels=embed_dims) if decoder is not None else None
        self.loss_decoder = _build(loss_decoder) if decoder is not None \
            else None

    def forward(self, region_feats: Tensor) -> Dict[str, Tensor]:
        """Run the configured components.

        Args:
            region_feats (Tensor): Pooled region features (N, R, C).

        Returns:
            dict[str, Tensor]: ``au_logits`` (N, K) from the AU branch,
            ``region_logits`` (N, R) from Er, ``decoder_logits`` (N, K) from
            Da; each only when its component is configured.
        """
        outputs = {}
        memory: List[Tensor] = []
        region_tokens = None
        if self.region_encoder is not None:
            region_tokens = self.region_encoder(self.region_proj(region_feats))
            outputs['region_logits'] = self.region_classifier(region_tokens)
        if self.map_layer is not None:
            source = region_tokens if self.map_source == 'region_encoder' \
                else region_feats
            au_tokens = self.map_layer(source)
            if self.au_encoder is not None:
                au_tokens = self.au_encoder(au_tokens)
            outputs['au_logits'] = self.au_classifier(au_tokens)
            memory.append(au_tokens)
        if self.decoder is not None:
            if region_tokens is not None and self.map_source == 'regions':
                memory.append(region_tokens)
            decoded = self.decoder(torch.cat(memory, dim=1))
            outputs['decoder_logits'] = self.decoder_classifier(decoded)
        return outputs

    def region_targets(self, labels: Tensor, mask: Tensor):
        """Active-region targets from AU labels.

        Region m is active when a present AU lists it, inactive when every AU
        listing it is known to be absent, and unknown otherwise.

        Args:
            labels (Tensor): AU labels (N, K).
            mask (Tensor): True where labels are known (N, K).

        Returns:
            tuple[Tensor, Tensor]: Targets (N, R) and their known mask.
        """
        rules = self.au_regions.to(labels.dtype)
        present = labels * mask.to(labels.dtype)
        active = (present @ rules) > 0
        unknown = ((~mask).to(labels.dtype) @ rules) > 0
        listed = rules.sum(dim=0) > 0
        known = active | (~unknown & listed)
        return active.to(labels.dtype), known

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
        outputs = self(region_feats)
        labels = torch.stack([s.gt_au for s in data_samples])
        mask = torch.stack([s.gt_au_mask for s in data_samples])
        losses = {}
        if 'au_logits' in outputs:
            losses['loss_au'] = self.loss_au(outputs['au_logits'], labels,
                                             mask)
        if 'region_logits' in outputs:
            targets, known = self.region_targets(labels, mask)
            losses['loss_region'] = self.loss_region(
                outputs['region_logits'], targets, known)
        if 'decoder_logits' in outputs:
            losses['loss_decoder'] = self.loss_decoder(
                outputs['decoder_logits'], labels, mask)
        return losses

    def predict(self, region_feats: Tensor,
                data_samples: Optional[List[FAUDataSample]] = None
                ) -> List[FAUDataSample]:
        """Predict AU probabilities and presence.

        Args:
            region_feats (Tensor): Pooled region features (N, R, C).
            data_samples (list[FAUDataSample], optional): Samples to fill in;
                new ones are made when None.

        Returns:
            list[FAUDataSample]: With ``pred_score`` and ``pred_label``, and
            ``pred_score_au`` / ``pred_region_score`` where available.
        """
        outputs = self(region_feats)
        final = outputs.get('decoder_logits', outputs.get('au_logits'))
        scores = final.float().sigmoid()
        if data_samples is None:
            data_samples = [FAUDataSample() for _ in range(len(scores))]
        au_scores = outputs['au_logits'].float().sigmoid() if (
            'au_logits' in outputs and 'decoder_logits' in outputs) else None
        region_scores = outputs['region_logits'].float().sigmoid() if (
            'region_logits' in outputs) else None
        for i, sample in enumerate(data_samples):
            sample.set_pred_score(scores[i], self.threshold)
            if au_scores is not None:
                sample.set_field(au_scores[i], 'pred_score_au')
            if region_scores is not None:
                sample.set_field(region_scores[i], 'pred_region_score')
        return data_samples
