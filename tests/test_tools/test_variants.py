"""Each ablation variant of the paper builds from its config and trains."""
import os.path as osp

import numpy as np
import pytest
import torch
from mmengine.config import Config

from mmfau.engine.runner import build_runner

from .helpers import ROOT, TINY

#: These tests run the tools or a Runner: deselect with -m "not slow".
pytestmark = pytest.mark.slow

# variant: (components present: M, Ea, Er, Da), losses it trains with
VARIANTS = {
    'crm': ((1, 0, 0, 0), {'loss_au'}),
    'crmea': ((1, 1, 0, 0), {'loss_au'}),
    'crmeada': ((1, 1, 0, 1), {'loss_au', 'loss_decoder'}),
    'crerm': ((1, 0, 1, 0), {'loss_au', 'loss_region'}),
    'crerda': ((0, 0, 1, 1), {'loss_region', 'loss_decoder'}),
    'crmeaer': ((1, 1, 1, 0), {'loss_au', 'loss_region'}),
    'full': ((1, 1, 1, 1), {'loss_au', 'loss_region', 'loss_decoder'}),
}
ALL_LOSSES = {'loss_au', 'loss_region', 'loss_decoder'}


@pytest.mark.parametrize('variant', sorted(VARIANTS))
def test_variant_builds_and_trains(variant, tmp_path):
    components, losses = VARIANTS[variant]
    cfg = Config.fromfile(
        osp.join(ROOT, 'configs', 'fau', f'{variant}_synthetic_f1.py'))
    cfg.merge_from_dict(TINY)
    cfg.work_dir = str(tmp_path)
    cfg.train_cfg = dict(by_epoch=False, max_iters=2, val_interval=10)
    cfg.default_hooks.checkpoint = dict(type='CheckpointHook', interval=-1)
    cfg.val_cfg = cfg.val_dataloader = cfg.val_evaluator = None
    runner = build_runner(cfg)
    head = runner.model.head
    present = tuple(
        int(part is not None) for part in (head.map_layer, head.au_encoder,
                                           head.region_encoder, head.decoder))
    assert present == components
    if variant == 'crerm':  # the map layer reads the region encoder
        assert head.map_layer.in_channels == head.region_proj.out_features
    before = {k: v.clone() for k, v in runner.model.state_dict().items()}
    runner.train()
    logged = {
        k for k in ALL_LOSSES if f'train/{k}' in runner.message_hub.log_scalars
    }
    assert logged == losses
    changed = [
        k for k, v in runner.model.state_dict().items()
        if v.dtype.is_floating_point and not torch.equal(v, before[k])
    ]
    assert any(k.startswith('backbone.') for k in changed)
    assert any(k.startswith('head.') for k in changed)


def test_a_head_that_calls_every_au_present_is_scored_as_such(tmp_path):
    from torch import nn

    from mmfau.models.heads import BaseAUHead
    from mmfau.registry import MODELS
    from mmfau.structures import AUHeadOutput

    @MODELS.register_module(force=True)
    class AllPresentHead(BaseAUHead):
        """A bias that says every AU is present, whatever the face."""

        def __init__(self, aus, in_channels):
            super().__init__(aus)
            self.fc = nn.Linear(in_channels, len(self.aus))

        def forward(self, region_feats):
            return AUHeadOutput(self.fc(region_feats.mean(dim=1)))

        def loss(self, region_feats, data_samples):
            return dict(loss_all=self(region_feats).logits.sum() * 0)

    cfg = Config.fromfile(
        osp.join(ROOT, 'configs', 'fau', 'full_synthetic_f1.py'))
    cfg.merge_from_dict(TINY)
    cfg.model.head = dict(type='AllPresentHead', aus=cfg.aus,
                          in_channels=128)
    cfg.work_dir = str(tmp_path)
    cfg.train_cfg = dict(by_epoch=True, max_epochs=1, val_interval=1)
    runner = build_runner(cfg)
    runner.train()
    # the trained head, told to call every AU present, is evaluated as such
    fc = runner.model.head.fc
    with torch.no_grad():
        fc.weight.zero_()
        fc.bias.fill_(10.0)
    metrics = runner.val_loop.run()
    labels = runner.val_dataloader.dataset.get_label_matrix()
    positive, negative = (labels == 1).sum(0), (labels == 0).sum(0)
    expected = np.where(positive > 0,
                        2 * positive / (2 * positive + negative), 0.0)
    assert metrics['num_samples'] == 5
    assert metrics['F1/mean'] == pytest.approx(100 * expected.mean())
