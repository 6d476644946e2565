import pytest
import torch

from mmfau.models.heads import FACSRuleHead
from mmfau.structures import AUHeadOutput, FAUDataSample

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


def test_losses_and_predictions_of_the_full_head():
    head = _head()
    feats = torch.randn(4, 8, 8)
    samples = [
        FAUDataSample().set_gt_au([1, 0, 1], [True, True, False])
        for _ in range(4)
    ]
    losses = head.loss(feats, samples)
    assert set(losses) == {'loss_au', 'loss_region', 'loss_decoder'}
    out = head.fill_samples(head(feats), samples)
    assert out[0].pred_score.shape == (3, )
    assert out[0].pred_score_au.shape == (3, )
    assert out[0].pred_label.dtype == torch.bool
    assert out[0].pred_label_au.dtype == torch.bool
    assert 'pred_intensity' not in out[0] and not head.estimates_intensity


def test_the_head_output_is_the_final_prediction_and_the_au_branchs():
    head = _head().eval()
    feats = torch.randn(2, 8, 8)
    with torch.no_grad():
        output = head(feats)
        branches = head.branches(feats)
    assert isinstance(output, AUHeadOutput)
    torch.testing.assert_close(output.logits, branches['decoder_logits'])
    torch.testing.assert_close(output.aux_logits, branches['au_logits'])
    assert output.intensity is None
    # without a decoder the AU branch is the final prediction, alone
    crmeaer = _head(decoder=None).eval()
    with torch.no_grad():
        output = crmeaer(feats)
    assert output.aux_logits is None
    torch.testing.assert_close(output.logits,
                               crmeaer.branches(feats)['au_logits'])


def test_the_head_owns_the_presence_threshold():
    torch.manual_seed(0)
    head = _head(threshold=[0.2, 0.5, 0.8]).eval()
    feats = torch.randn(6, 8, 8)
    with torch.no_grad():
        samples = head.fill_samples(head(feats))
    for sample in samples:
        torch.testing.assert_close(sample.pred_threshold,
                                   torch.tensor([0.2, 0.5, 0.8]))
        assert torch.equal(sample.pred_label,
                           sample.pred_score >= sample.pred_threshold)
        assert torch.equal(sample.pred_label_au,
                           sample.pred_score_au >= sample.pred_threshold)
    with pytest.raises(ValueError, match='one per AU'):
        _head(threshold=[0.3, 0.4])
    with pytest.raises(ValueError, match='in \\(0, 1\\)'):
        _head(threshold=1.0)


def test_branches_return_tokens_and_attention_on_request():
    head = _head().eval()
    feats = torch.randn(2, 8, 8)
    with torch.no_grad():
        plain = head.branches(feats)
        detailed = head.branches(feats, return_attention=True)
    assert 'au_attention' not in plain
    for key in plain:
        torch.testing.assert_close(detailed[key], plain[key])
    assert detailed['au_tokens'].shape == (2, 3, 16)
    assert detailed['region_tokens'].shape == (2, 8, 16)
    assert detailed['au_attention'].shape == (2, 1, 3, 3)
    assert detailed['region_attention'].shape == (2, 1, 8, 8)


def test_without_aus_the_head_predicts_every_au_of_the_rules():
    from mmfau.facs import ALL_AUS
    assert _head(aus=None).aus == list(ALL_AUS)


@pytest.mark.parametrize('kwargs, message', [
    (dict(map_layer=None, au_encoder=None, decoder=None), 'Nothing predicts'),
    (dict(map_layer=None), 'needs the map layer'),
    (dict(map_source='region_encoder', region_encoder=None), 'needs a'),
    (dict(aus=[1, 3]), 'AU \\[3\\]'),
])
def test_inconsistent_configs_are_explained(kwargs, message):
    with pytest.raises(ValueError, match=message):
        _head(**kwargs)


def test_intensity_regressors_estimate_0_to_5_from_coded_levels():
    head = _head(intensity=dict(type='PerTokenMLP', hidden_dims=(8, )))
    feats = torch.randn(4, 8, 8)
    samples = [
        FAUDataSample().set_gt_au([1, 0, 1]).set_gt_intensity(
            [3, 0, 2], [True, True, False]) for _ in range(4)
    ]
    losses = head.loss(feats, samples)
    assert 'loss_intensity' in losses and losses['loss_intensity'] > 0
    assert head.estimates_intensity
    assert head(feats).intensity.shape == (4, 3)
    out = head.fill_samples(head(feats), samples)
    assert out[0].pred_intensity.shape == (3, )
    assert ((out[0].pred_intensity >= 0) & (out[0].pred_intensity <= 5)).all()
    without = [FAUDataSample().set_gt_au([1, 0, 1])]
    with pytest.raises(ValueError, match='au_intensities'):
        head.loss(feats[:1], without)


def test_queries_start_from_each_aus_own_token():
    head = _head().eval()
    feats = torch.randn(2, 8, 8)
    out = head.branches(feats)
    memory = torch.cat([out['au_tokens'], out['region_tokens']], dim=1)
    torch.testing.assert_close(
        out['decoder_tokens'],
        head.decoder(memory, query_content=out['au_tokens']))
    assert not torch.allclose(out['decoder_tokens'], head.decoder(memory))
    # without the AU branch (CRErDa): the mean of each AU's rule regions
    crerda = _head(map_layer=None, au_encoder=None).eval()
    out = crerda.branches(feats)
    regions = out['region_tokens']
    rows = crerda.au_regions / crerda.au_regions.sum(1, keepdim=True)
    expected = torch.stack([(rows[k, :, None] * regions).sum(1)
                            for k in range(3)], dim=1)
    torch.testing.assert_close(
        out['decoder_tokens'], crerda.decoder(regions,
                                              query_content=expected))


