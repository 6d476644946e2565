import pytest
import torch

from mmfau.models.heads import FACSRuleHead
from mmfau.structures import FAUDataSample

SMALL = dict(embed_dims=16, num_layers=1, num_heads=2, ffn_dims=32)


def _head(**kwargs):
    args = dict(
        aus=[1, 12, 25],
        in_channels=8,
        embed_dims=16,
        au_encoder=dict(type='TokenEncoder', **SMALL),
        region_encoder=dict(type='TokenEncoder', **SMALL),
        decoder=dict(type='QueryDecoder', **SMALL),
        classifier=dict(type='PerTokenMLP', hidden_dims=(8, )))
    args.update(kwargs)
    return FACSRuleHead(**args)


def test_region_targets_follow_the_rules_and_unknowns():
    head = _head()
    # AU1: regions 1-3; AU12: 5-7; AU25: 7-8 (1-based)
    labels = torch.tensor([[1., 0., 0.], [0., 0., 1.], [0., 0., 0.]])
    mask = torch.tensor([[True, True, True], [True, False, True],
                         [True, True, False]])
    targets, known = head.region_targets(labels, mask)
    assert targets[0].tolist() == [1, 1, 1, 0, 0, 0, 0, 0]
    assert targets[1].tolist() == [0, 0, 0, 0, 0, 0, 1, 1]
    # sample 1: AU12 unknown -> regions 5 and 6 unknown, 7 active via AU25
    assert known[1].tolist() == [1, 1, 1, 0, 0, 0, 1, 1]
    # sample 2: AU25 unknown -> regions 7 and 8 unknown; region 4 has no AU
    assert known[2].tolist() == [1, 1, 1, 0, 1, 1, 0, 0]


def test_losses_and_predictions_of_the_full_head():
    head = _head()
    feats = torch.randn(4, 8, 8)
    samples = [
        FAUDataSample().set_gt_au([1, 0, 1], [True, True, False])
        for _ in range(4)
    ]
    losses = head.loss(feats, samples)
    assert set(losses) == {'loss_au', 'loss_region', 'loss_decoder'}
    out = head.predict(feats, samples)
    assert out[0].pred_score.shape == (3, )
    assert out[0].pred_score_au.shape == (3, )
    assert out[0].pred_region_score.shape == (8, )
    assert out[0].pred_label.dtype == torch.bool


@pytest.mark.parametrize('kwargs, message', [
    (dict(map_layer=None, au_encoder=None, decoder=None), 'Nothing predicts'),
    (dict(map_layer=None), 'needs the map layer'),
    (dict(map_source='region_encoder', region_encoder=None), 'needs a'),
    (dict(aus=[1, 3]), 'AU \\[3\\]'),
])
def test_inconsistent_configs_are_explained(kwargs, message):
    with pytest.raises(ValueError, match=message):
        _head(**kwargs)
