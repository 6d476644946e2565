"""The paper's head: map layer, AU and region encoders, AU decoder."""
from typing import Container, Dict, List, Optional, Sequence, Union

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
from mmfau.structures import AUHeadOutput, FAUDataSample

from .base_au_head import BaseAUHead
from .components import build_optional, check_components

#: Each branch of the head: its logits, its loss and its target.
_BRANCHES = (('au_logits', 'loss_au', 'aus'),
             ('region_logits', 'loss_region', 'regions'),
             ('decoder_logits', 'loss_decoder', 'aus'),
             ('intensity', 'loss_intensity', 'intensities'))


@MODELS.register_module()
class FACSRuleHead(BaseAUHead):
    """AU recognition from region features, guided by FACS labeling rules.

    The paper's data flow. Each of M, Ea, Er and Da can be switched off
    (None), so that the seven variants of its ablation are configs of this
    one head (``configs/_base_/models/variants.py``)::

        region features -> Er -> region tokens -> region classifiers (L_r)
        region features (CRErM: Er's tokens) -> M -> AU tokens -> Ea
                                             -> AU classifiers (L_a)
        one query per AU over the memory [Ea's tokens; Er's tokens]
                                             -> Da -> AU classifiers (L_d)

    The final prediction is Da's when there is a decoder, else the AU
    branch's; with both, the AU branch's is the second prediction
    (``aux_logits``). Optional, beyond the paper: per-AU intensity
    regressors (0-5) on the final AU tokens.

    One default goes beyond the paper, which states learned queries only:
    each AU's query in Da starts from its learned query plus that AU's own
    token (Ea's, or M's without Ea; without the AU branch, in CRErDa, the
    mean of Er's tokens over the AU's judgment regions). Da then refines
    what was found for each AU instead of finding it anew; with learned
    queries alone, Da lost to its own baseline (``projects/decoder_study``).

    Args:
        aus (Sequence[int], optional): AUs predicted, in order; defaults to
            every AU of the rule table.
        au_rules (dict, optional): FACS rule table, AU -> its judgment
            regions (default: the paper's, :data:`mmfau.facs.AU_RULES`).
        num_regions (int): Regions per face.
        in_channels (int): Channels of the region features.
        embed_dims (int): Token width.
        map_layer (dict, optional): Config of M.
        map_source (str): What M maps: ``'regions'`` (the pooled region
            features) or ``'region_encoder'`` (Er's tokens, for CRErM).
        au_encoder (dict, optional): Config of Ea.
        region_encoder (dict, optional): Config of Er.
        decoder (dict, optional): Config of Da.
        classifier (dict): Config of the per-AU and per-region classifiers.
        loss_au (dict): L_a, on the AU branch's logits.
        loss_region (dict): L_r, on the active-region task.
        loss_decoder (dict): L_d, on Da's logits.
        intensity (dict, optional): Config of per-AU regressors of the FACS
            intensity from the final AU tokens, e.g.
            ``dict(type='PerTokenMLP', hidden_dims=(256, 128))``; a sigmoid
            scaled to 0-5, so ICC, MAE and Pearson r reward an estimate
            close to the coded level. Off when None.
        loss_intensity (dict): Loss of the intensity regressors, on coded
            intensities only.
        threshold (float | Sequence[float]): Probability from which an AU is
            present: one value, or one per AU.
        init_cfg (dict, optional): Initialisation config.
    """

    def __init__(self,
                 aus: Optional[Sequence[int]] = None,
                 au_rules: Optional[Dict] = None,
                 num_regions: int = NUM_REGIONS,
                 in_channels: int = 1024,
                 embed_dims: int = 256,
                 map_layer: Optional[dict] = dict(type='FACSMapLayer'),
                 map_source: str = 'regions',
                 au_encoder: Optional[dict] = dict(type='TokenEncoder'),
                 region_encoder: Optional[dict] = dict(type='TokenEncoder'),
                 decoder: Optional[dict] = dict(type='QueryDecoder'),
                 classifier: dict = dict(
                     type='PerTokenMLP', hidden_dims=(256, 128)),
                 loss_au: dict = dict(type='MaskedBCELoss'),
                 loss_region: dict = dict(type='MaskedBCELoss'),
                 loss_decoder: dict = dict(type='MaskedBCELoss'),
                 intensity: Optional[dict] = None,
                 loss_intensity: dict = dict(type='MaskedIntensityLoss'),
                 threshold: Union[float, Sequence[float]] = 0.5,
                 init_cfg: Optional[dict] = None) -> None:
        rules = AU_RULES if au_rules is None else au_rules
        super().__init__(
            check_aus(list(rules) if aus is None else aus, rules,
                      source='The head\'s `aus`'), threshold, init_cfg)
        check_components(map_layer, map_source, au_encoder, region_encoder,
                         decoder)
        num_aus = len(self.aus)
        self.map_source = map_source
        self.register_buffer(
            'au_regions',
            torch.tensor(au_region_matrix(self.aus, rules, num_regions),
                         dtype=torch.float32),
            persistent=False)
        with_regions = region_encoder is not None
        with_map = map_layer is not None

        # Er: region tokens and the active-region task
        self.region_proj = nn.Linear(in_channels, embed_dims) \
            if with_regions else None
        self.region_encoder = build_optional(
            region_encoder, num_tokens=num_regions, embed_dims=embed_dims)
        self.region_classifier = build_optional(
            classifier if with_regions else None, num_tokens=num_regions,
            in_channels=embed_dims)
        self.loss_region = build_optional(
            loss_region if with_regions else None)

        # M and Ea: one token per AU from that AU's regions
        self.map_layer = build_optional(
            map_layer, aus=self.aus, embed_dims=embed_dims,
            in_channels=embed_dims if map_source == 'region_encoder'
            else in_channels, num_regions=num_regions, au_rules=au_rules)
        self.au_encoder = build_optional(
            au_encoder, num_tokens=num_aus, embed_dims=embed_dims)
        self.au_classifier = build_optional(
            classifier if with_map else None, num_tokens=num_aus,
            in_channels=embed_dims)
        self.loss_au = build_optional(loss_au if with_map else None)

        # Da: one query per AU over the memory [Ea; Er]
        self.decoder = self.build_decoder(decoder, embed_dims)
        self.decoder_classifier = build_optional(
            classifier if decoder is not None else None, num_tokens=num_aus,
            in_channels=embed_dims)
        self.loss_decoder = build_optional(
            loss_decoder if decoder is not None else None)

        # intensity regressors on the final AU tokens
        self.intensity_regressor = build_optional(
            intensity, num_tokens=num_aus, in_channels=embed_dims)
        self.loss_intensity = build_optional(
            loss_intensity if intensity is not None else None)

    @property
    def estimates_intensity(self) -> bool:
        """Whether the head has intensity regressors."""
        return self.intensity_regressor is not None

    def build_decoder(self, decoder: Optional[dict],
                      embed_dims: int) -> Optional[nn.Module]:
        """Build Da, one query per AU; called after M, Ea and Er are built.

        Args:
            decoder (dict, optional): Config of Da (None: switched off).
            embed_dims (int): Token width.

        Returns:
            nn.Module | None
        """
        return build_optional(decoder, num_queries=len(self.aus),
                              embed_dims=embed_dims)

    def forward(self, region_feats: Tensor) -> AUHeadOutput:
        """The head's output: Da's logits (else the AU branch's), the
        intensity where estimated, and the AU branch's logits as the second
        prediction when Da makes the final one."""
        out = self.branches(region_feats)
        final = out.get('decoder_logits', out.get('au_logits'))
        second = out.get('au_logits') if 'decoder_logits' in out else None
        return AUHeadOutput(final, out.get('intensity'), second)

    def branches(self,
                 region_feats: Tensor,
                 return_attention: bool = False) -> Dict[str, Tensor]:
        """Run every configured component.

        Args:
            region_feats (Tensor): Pooled region features (N, R, C).
            return_attention (bool): Also return each encoder layer's
                self-attention (mean over heads): ``region_attention``
                (N, L, R, R) and ``au_attention`` (N, L, K, K).

        Returns:
            dict[str, Tensor]: ``region_tokens`` (N, R, D) and
            ``region_logits`` (N, R) from Er; ``au_tokens`` (N, K, D) and
            ``au_logits`` (N, K) from M and Ea; ``decoder_tokens`` and
            ``decoder_logits`` from Da; ``intensity`` (N, K); each only
            when its component is configured.
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
            out['decoder_tokens'] = self.decode(au_tokens, region_tokens,
                                                out, return_attention)
            out['decoder_logits'] = self.decoder_classifier(
                out['decoder_tokens'])
        if self.intensity_regressor is not None:
            out['intensity'] = MAX_INTENSITY * torch.sigmoid(
                self.intensity_regressor(self.intensity_tokens(out)).float())
        return out

    def intensity_tokens(self, out: Dict[str, Tensor]) -> Tensor:
        """The tokens the intensity regressors read: Da's, else the AU
        branch's.

        Args:
            out (dict): :meth:`branches`' outputs so far.

        Returns:
            Tensor: One token per AU (N, K, D).
        """
        return out.get('decoder_tokens', out.get('au_tokens'))

    def decode(self, au_tokens: Optional[Tensor],
               region_tokens: Optional[Tensor], out: Dict[str, Tensor],
               return_attention: bool = False) -> Tensor:
        """Da: each AU's query, started from that AU's own tokens, over the
        memory of AU tokens and region tokens.

        Args:
            au_tokens (Tensor, optional): (N, K, D), None without M.
            region_tokens (Tensor, optional): (N, R, D), None without Er.
            out (dict): :meth:`branches`' outputs so far, where a subclass
                whose decoder gives more (e.g. attention maps) puts it; the
                paper's Da adds nothing.
            return_attention (bool): Whether attention maps were asked for.

        Returns:
            Tensor: One token per AU (N, K, D).
        """
        return self.decoder(self.memory(au_tokens, region_tokens),
                            self.query_content(au_tokens, region_tokens))

    def memory(self, au_tokens: Optional[Tensor],
               region_tokens: Optional[Tensor]) -> Tensor:
        """Da's memory: the AU tokens, then the region tokens (each where
        the variant has them; CRErM's region tokens feed M instead)."""
        memory = [au_tokens] if au_tokens is not None else []
        if region_tokens is not None and self.map_source == 'regions':
            memory.append(region_tokens)
        return torch.cat(memory, dim=1)

    def query_content(self, au_tokens: Optional[Tensor],
                      region_tokens: Optional[Tensor]) -> Tensor:
        """Each AU's own tokens (N, K, D), added to its learned query in Da:
        its AU token, or without the AU branch the mean of the region
        tokens of its judgment regions."""
        if au_tokens is not None:
            return au_tokens
        weights = self.au_regions / self.au_regions.sum(1, keepdim=True)
        return torch.einsum('kr,nrd->nkd', weights.to(region_tokens.dtype),
                            region_tokens)

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

    def targets(self, data_samples: List[FAUDataSample],
                outputs: Container[str]) -> Dict[str, tuple]:
        """The targets of the losses of the branches among ``outputs``,
        with their known masks: ``aus``; ``regions`` (the active regions)
        with ``region_logits``; ``intensities`` with ``intensity``.

        Args:
            data_samples (list[FAUDataSample]): The batch's samples.
            outputs (Container[str]): The names of :meth:`branches`'
                outputs (e.g. the dict itself).

        Returns:
            dict[str, tuple]: Target name -> (target, known mask).
        """
        labels = torch.stack([s.gt_au for s in data_samples])
        mask = torch.stack([s.gt_au_mask for s in data_samples])
        targets = dict(aus=(labels, mask))
        if 'region_logits' in outputs:
            targets['regions'] = active_region_targets(labels, mask,
                                                       self.au_regions)
        if 'intensity' in outputs:
            if any('gt_intensity' not in s for s in data_samples):
                raise ValueError(
                    'The intensity regressors need AU intensities '
                    '(au_intensities in the annotation entries, as the '
                    'DISFA and custom converters write them).')
            targets['intensities'] = (
                torch.stack([s.gt_intensity for s in data_samples]),
                torch.stack([s.gt_intensity_mask for s in data_samples]))
        return targets

    def loss(self, region_feats: Tensor,
             data_samples: List[FAUDataSample]) -> Dict[str, Tensor]:
        """The weighted losses of the configured components:
        ``loss_au`` (L_a), ``loss_region`` (L_r), ``loss_decoder`` (L_d)
        and ``loss_intensity``.

        Args:
            region_feats (Tensor): Pooled region features (N, R, C).
            data_samples (list[FAUDataSample]): With ``gt_au`` and
                ``gt_au_mask`` (and ``gt_intensity`` for intensity).

        Returns:
            dict[str, Tensor]
        """
        out = self.branches(region_feats)
        return self.branch_losses(out, self.targets(data_samples, out))

    def branch_losses(self, out: Dict[str, Tensor],
                      targets: Dict[str, tuple]) -> Dict[str, Tensor]:
        """The loss of each branch among :meth:`branches`' outputs.

        Args:
            out (dict): :meth:`branches`' outputs.
            targets (dict): Their :meth:`targets`.

        Returns:
            dict[str, Tensor]
        """
        return {
            loss_name: getattr(self, loss_name)(out[key], *targets[target])
            for key, loss_name, target in _BRANCHES if key in out
        }
