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
    assert out[0].pred_label_au.dtype == torch.bool


def test_the_head_owns_the_presence_threshold():
    torch.manual_seed(0)
    head = _head(threshold=[0.2, 0.5, 0.8]).eval()
    feats = torch.randn(6, 8, 8)
    with torch.no_grad():
        samples = head.predict(feats)
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


def test_forward_returns_tokens_and_attention_on_request():
    head = _head().eval()
    feats = torch.randn(2, 8, 8)
    with torch.no_grad():
        plain = head(feats)
        detailed = head(feats, return_attention=True)
    assert 'au_attention' not in plain
    for key in plain:
        torch.testing.assert_close(detailed[key], plain[key])
    assert detailed['au_tokens'].shape == (2, 3, 16)
    assert detailed['region_tokens'].shape == (2, 8, 16)
    assert detailed['au_attention'].shape == (2, 1, 3, 3)
    assert detailed['region_attention'].shape == (2, 1, 8, 8)


def test_positive_weights_reach_the_au_losses_only():
    head = _head()
    assert head.set_au_pos_weight([2.0, 3.0, 4.0]) == [
        'loss_au', 'loss_decoder'
    ]
    torch.testing.assert_close(head.loss_decoder.pos_weight,
                               torch.tensor([2.0, 3.0, 4.0]))
    assert head.loss_region.pos_weight is None


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
    out = head.predict(feats, samples)
    assert out[0].pred_intensity.shape == (3, )
    assert ((out[0].pred_intensity >= 0) & (out[0].pred_intensity <= 5)).all()
    without = [FAUDataSample().set_gt_au([1, 0, 1])]
    with pytest.raises(ValueError, match='au_intensities'):
        head.loss(feats[:1], without)


def _samples(n=4):
    return [FAUDataSample().set_gt_au([1, 0, 1], [True, True, False])
            for _ in range(n)]


def test_auxiliary_losses_on_every_earlier_decoder_layer():
    layers = dict(SMALL, num_layers=3)
    head = _head(decoder=dict(type='QueryDecoder', **layers),
                 decoder_aux_loss=True)
    losses = head.loss(torch.randn(4, 8, 8), _samples())
    assert {'loss_decoder_layer0', 'loss_decoder_layer1',
            'loss_decoder'} <= set(losses)
    assert 'loss_decoder_layer2' not in losses
    # the final prediction is still the last layer's
    head.eval()
    feats = torch.randn(2, 8, 8)
    out = head(feats, all_decoder_layers=True)
    assert out['decoder_layer_logits'].shape == (2, 2, 3)
    torch.testing.assert_close(out['decoder_logits'],
                               head(feats)['decoder_logits'])


def test_detr_decoder_gets_the_memory_size_from_the_head():
    head = _head(decoder=dict(type='QueryDecoder', embedding='detr', **SMALL))
    # memory: 3 AU tokens and 8 region tokens
    assert head.decoder.memory_embed.shape == (1, 11, 16)
    crmeada = _head(decoder=dict(type='QueryDecoder', embedding='detr',
                                 **SMALL), region_encoder=None)
    assert crmeada.decoder.memory_embed.shape == (1, 3, 16)
    out = head(torch.randn(2, 8, 8), return_attention=True)
    assert out['decoder_attention'].shape == (2, 1, 3, 11)


def test_base_rates_start_the_au_classifiers():
    head = _head().eval()
    head.set_au_base_rates([0.05, 0.5, 0.9])
    # zero input to the last layer: the output is the bias alone
    for name in ('au_classifier', 'decoder_classifier'):
        bias = getattr(head, name).biases[-1].squeeze(-1)
        torch.testing.assert_close(torch.sigmoid(bias),
                                   torch.tensor([0.05, 0.5, 0.9]))


def test_intensity_can_read_the_au_encoders_tokens():
    head = _head(intensity=dict(type='PerTokenMLP', hidden_dims=(8, )),
                 intensity_source='au_encoder').eval()
    feats = torch.randn(2, 8, 8)
    out = head(feats)
    expected = 5 * torch.sigmoid(head.intensity_regressor(out['au_tokens']))
    torch.testing.assert_close(out['intensity'], expected)
    with pytest.raises(ValueError, match='intensity_source'):
        _head(intensity_source='decoder')


def test_normalised_region_projection():
    head = _head(region_norm=True).eval()
    tokens = head.region_proj(torch.randn(2, 8, 8) * 100)
    torch.testing.assert_close(tokens.mean(-1), torch.zeros(2, 8),
                               atol=1e-5, rtol=0)


def test_queries_can_start_from_each_aus_own_token():
    head = _head(queries_from_au_tokens=True).eval()
    feats = torch.randn(2, 8, 8)
    out = head(feats)
    memory = torch.cat([out['au_tokens'], out['region_tokens']], dim=1)
    torch.testing.assert_close(
        out['decoder_tokens'],
        head.decoder(memory, query_content=out['au_tokens']))
    assert not torch.allclose(out['decoder_tokens'], head.decoder(memory))
    # without the AU branch (CRErDa): the mean of each AU's rule regions
    crerda = _head(queries_from_au_tokens=True, map_layer=None,
                   au_encoder=None).eval()
    out = crerda(feats)
    regions = out['region_tokens']
    rows = crerda.au_regions / crerda.au_regions.sum(1, keepdim=True)
    expected = torch.stack([(rows[k, :, None] * regions).sum(1)
                            for k in range(3)], dim=1)
    torch.testing.assert_close(
        out['decoder_tokens'], crerda.decoder(regions,
                                              query_content=expected))


@pytest.mark.parametrize('variant', ['crerda', 'full'])
def test_rule_attention_reads_only_each_aus_judgment_regions(variant):
    from mmfau.facs import au_region_matrix
    kwargs = dict(decoder_rule_attention=True)
    if variant == 'crerda':
        kwargs.update(map_layer=None, au_encoder=None)
    head = _head(**kwargs).eval()
    feats = torch.randn(2, 8, 8)
    with torch.no_grad():
        out = head(feats, return_attention=True)
        fused = head(feats)  # the fused attention, same mask
    attention = out['decoder_attention'][:, 0]  # (N, K, M), first layer
    rules = torch.tensor(au_region_matrix([1, 12, 25])).bool()
    regions = attention[..., -8:]
    assert (regions[:, ~rules] == 0).all()
    assert (regions[:, rules] > 0).all()
    if variant == 'full':  # the AU tokens stay open to every query
        assert (attention[..., :3] > 0).all()
    torch.testing.assert_close(fused['decoder_logits'],
                               out['decoder_logits'])
