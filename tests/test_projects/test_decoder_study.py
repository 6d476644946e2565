"""The decoder study's components (projects/decoder_study): the switches
of its head and decoder, its hooks and its diagnostics."""
import json
import math
import os.path as osp
from types import SimpleNamespace

import cv2
import numpy as np
import pytest
import torch
from mmengine.config import Config
from mmengine.runner import Runner
from torch import nn

from mmfau.facs import au_region_matrix
from mmfau.models.heads import FACSRuleHead
from mmfau.registry import MODELS
from mmfau.structures import FAUDataSample
from projects.decoder_study.decoder_study import (
    AUBaseRateBiasHook,
    AUPositiveWeightHook,
    StudyFACSRuleHead,
    StudyQueryDecoder,
    attention_entropy,
    head_diagnostics,
    positive_weights,
    rule_share,
    token_spread,
)
from tests.test_tools.helpers import ROOT, TINY, run_python

SMALL = dict(embed_dims=16, num_layers=1, num_heads=2, ffn_dims=32)
#: The decoder's own tests: two layers, no dropout.
LAYERS = dict(embed_dims=16, num_layers=2, num_heads=4, ffn_dims=32,
              dropout=0.0)
STUDY = osp.join(ROOT, 'projects', 'decoder_study')


def _head(cls=StudyFACSRuleHead, **kwargs):
    args = dict(
        aus=[1, 12, 25], in_channels=8, embed_dims=16,
        au_encoder=dict(type='TokenEncoder', **SMALL),
        region_encoder=dict(type='TokenEncoder', **SMALL),
        decoder=dict(type='QueryDecoder', **SMALL),
        classifier=dict(type='PerTokenMLP', hidden_dims=(8, )))
    args.update(kwargs)
    return cls(**args)


def _samples(n=4):
    return [FAUDataSample().set_gt_au([1, 0, 1], [True, True, False])
            for _ in range(n)]


def test_with_its_defaults_the_study_head_is_the_paper_head():
    torch.manual_seed(0)
    study = _head().eval()
    paper = _head(FACSRuleHead).eval()
    paper.load_state_dict(study.state_dict(), strict=True)
    feats = torch.randn(2, 8, 8)
    with torch.no_grad():
        torch.testing.assert_close(paper(feats).logits, study(feats).logits)


def test_learned_queries_alone_as_the_paper_states_them():
    head = _head(queries_from_au_tokens=False).eval()
    feats = torch.randn(2, 8, 8)
    out = head.branches(feats)
    memory = torch.cat([out['au_tokens'], out['region_tokens']], dim=1)
    torch.testing.assert_close(out['decoder_tokens'], head.decoder(memory))


def test_positive_weights_reach_the_au_losses_only():
    head = _head()
    assert head.set_au_pos_weight([2.0, 3.0, 4.0]) == [
        'loss_au', 'loss_decoder'
    ]
    torch.testing.assert_close(head.loss_decoder.pos_weight,
                               torch.tensor([2.0, 3.0, 4.0]))
    assert head.loss_region.pos_weight is None


def test_auxiliary_losses_on_every_earlier_decoder_layer():
    head = _head(decoder=dict(type='QueryDecoder', **dict(SMALL,
                                                          num_layers=3)),
                 decoder_aux_loss=True)
    losses = head.loss(torch.randn(4, 8, 8), _samples())
    assert {'loss_decoder_layer0', 'loss_decoder_layer1',
            'loss_decoder'} <= set(losses)
    assert 'loss_decoder_layer2' not in losses
    head.eval()
    feats = torch.randn(2, 8, 8)
    out = head.branches(feats)
    assert out['decoder_layer_logits'].shape == (2, 2, 3)
    torch.testing.assert_close(head(feats).logits, out['decoder_logits'])


def test_detr_decoder_gets_the_memory_size_from_the_head():
    detr = dict(type='QueryDecoder', embedding='detr', **SMALL)
    head = _head(decoder=detr)
    # memory: 3 AU tokens and 8 region tokens
    assert head.decoder.memory_embed.shape == (1, 11, 16)
    crmeada = _head(decoder=detr, region_encoder=None)
    assert crmeada.decoder.memory_embed.shape == (1, 3, 16)
    out = head.branches(torch.randn(2, 8, 8), return_attention=True)
    assert out['decoder_attention'].shape == (2, 1, 3, 11)


def test_base_rates_start_the_au_classifiers():
    head = _head().eval()
    head.set_au_base_rates([0.05, 0.5, 0.9])
    for name in ('au_classifier', 'decoder_classifier'):
        bias = getattr(head, name).biases[-1].squeeze(-1)
        torch.testing.assert_close(torch.sigmoid(bias),
                                   torch.tensor([0.05, 0.5, 0.9]))


def test_intensity_can_read_the_au_encoders_tokens():
    head = _head(intensity=dict(type='PerTokenMLP', hidden_dims=(8, )),
                 intensity_source='au_encoder').eval()
    out = head.branches(torch.randn(2, 8, 8))
    expected = 5 * torch.sigmoid(head.intensity_regressor(out['au_tokens']))
    torch.testing.assert_close(out['intensity'], expected)
    with pytest.raises(ValueError, match='intensity_source'):
        _head(intensity_source='decoder')


def test_normalised_region_projection():
    head = _head(region_norm=True).eval()
    tokens = head.region_proj(torch.randn(2, 8, 8) * 100)
    torch.testing.assert_close(tokens.mean(-1), torch.zeros(2, 8),
                               atol=1e-5, rtol=0)


@pytest.mark.parametrize('variant', ['crerda', 'full'])
def test_rule_attention_reads_only_each_aus_judgment_regions(variant):
    kwargs = dict(decoder_rule_attention=True)
    if variant == 'crerda':
        kwargs.update(map_layer=None, au_encoder=None)
    head = _head(**kwargs).eval()
    feats = torch.randn(2, 8, 8)
    with torch.no_grad():
        out = head.branches(feats, return_attention=True)
        plain = head.branches(feats)
    attention = out['decoder_attention'][:, 0]  # (N, K, M), first layer
    rules = torch.tensor(au_region_matrix([1, 12, 25])).bool()
    regions = attention[..., -8:]
    assert (regions[:, ~rules] == 0).all()
    assert (regions[:, rules] > 0).all()
    if variant == 'full':  # the AU tokens stay open to every query
        assert (attention[..., :3] > 0).all()
    torch.testing.assert_close(plain['decoder_logits'],
                               out['decoder_logits'])


def _hook_runner(head, metainfo, iteration=0, load_from=None):
    model = torch.nn.Module()
    model.head = head
    logged = []
    return SimpleNamespace(
        model=model, iter=iteration, _load_from=load_from,
        train_dataloader=SimpleNamespace(
            dataset=SimpleNamespace(metainfo=metainfo)),
        logger=SimpleNamespace(info=logged.append)), logged


COUNTS = dict(au_positive=[5, 50, 72], au_known=[100, 100, 80],
              au_names=['AU1', 'AU12', 'AU25'])


def test_base_rate_hook_starts_a_fresh_run_only():
    runner, logged = _hook_runner(_head(), COUNTS)
    AUBaseRateBiasHook().before_train(runner)
    bias = runner.model.head.decoder_classifier.biases[-1].squeeze(-1)
    torch.testing.assert_close(torch.sigmoid(bias),
                               torch.tensor([0.05, 0.5, 0.9]))
    assert 'AU1 0.050' in logged[0]
    for resumed in (dict(iteration=100), dict(load_from='a.pth')):
        runner, _ = _hook_runner(_head(), COUNTS, **resumed)
        before = runner.model.head.au_classifier.biases[-1].clone()
        AUBaseRateBiasHook().before_train(runner)
        torch.testing.assert_close(
            runner.model.head.au_classifier.biases[-1], before)


def test_positive_weight_hook_sets_the_au_losses_from_the_counts():
    np.testing.assert_allclose(
        positive_weights([10, 50, 0], [100, 100, 100], max_weight=20),
        [9.0, 1.0, 20.0])
    runner, logged = _hook_runner(_head(), COUNTS)
    AUPositiveWeightHook().before_train(runner)
    torch.testing.assert_close(runner.model.head.loss_au.pos_weight,
                               torch.tensor([19.0, 1.0, 80 / 72 - 1]))
    assert 'AU1 19.00' in logged[0]
    runner, _ = _hook_runner(_head(), dict(au_names=['AU1']))
    with pytest.raises(ValueError, match='re-run the converter'):
        AUPositiveWeightHook().before_train(runner)
    runner, _ = _hook_runner(_head(FACSRuleHead), COUNTS)
    with pytest.raises(ValueError, match='has no set_au_pos_weight'):
        AUPositiveWeightHook().before_train(runner)


def test_entropy_spread_and_rule_share_measure_what_they_say():
    uniform = torch.full((2, 1, 3, 8), 1 / 8)
    one_hot = torch.zeros(2, 1, 3, 8)
    one_hot[..., 0] = 1
    torch.testing.assert_close(
        attention_entropy(torch.cat([uniform, one_hot], dim=1)),
        torch.tensor([math.log(8), 0.0]))
    same = torch.randn(1, 5, 16).expand(4, -1, -1)
    assert token_spread(same) == 0.0
    assert 0 < token_spread(same + 0.1 * torch.randn(4, 5, 16)) < \
        token_spread(same + torch.randn(4, 5, 16))
    au_regions = torch.tensor([[1.0, 0, 0, 0], [0, 1, 1, 0]])
    # memory: 3 AU tokens, then the 4 region tokens
    on_rules = torch.zeros(2, 1, 2, 7)
    on_rules[:, :, 0, 3] = 0.5  # AU 0: half on its region 0
    on_rules[:, :, 0, :3] = 0.5 / 3  # the rest on AU tokens, not counted
    on_rules[:, :, 1, 4:6] = 0.5  # AU 1: its regions 1 and 2
    even = torch.full((2, 1, 2, 7), 1 / 7)
    off = torch.zeros(2, 1, 2, 7)
    off[:, :, :, 6] = 1.0  # both on region 3, in neither AU's rule
    share = rule_share(torch.cat([on_rules, even, off], dim=1), au_regions)
    torch.testing.assert_close(
        share, torch.tensor([1.0, float(au_regions.mean()), 0.0]))


def _study_config(*switches):
    cfg = Config.fromfile(f'{ROOT}/configs/fau/full_synthetic_f1.py')
    for switch in switches:
        cfg.merge_from_dict(
            Config.fromfile(osp.join(STUDY, 'configs', switch)).to_dict())
    return cfg


def test_diagnostics_of_the_small_model_leave_it_unchanged():
    cfg = _study_config('diagnostics.py')
    torch.manual_seed(0)
    model = MODELS.build(cfg.model).train()
    inputs = torch.randn(3, 3, 112, 112)
    samples = []
    for _ in range(3):
        sample = FAUDataSample().set_gt_au([1, 0] * 7 + [1], [True] * 15)
        samples.append(sample.set_region_boxes(
            torch.tensor([[20.0, 20.0, 60.0, 60.0]] * 8)))
    state = {k: v.clone() for k, v in model.state_dict().items()}
    result = head_diagnostics(model, inputs, samples)
    assert model.training
    assert all(p.grad is None for p in model.parameters())
    for key, value in model.state_dict().items():
        torch.testing.assert_close(value, state[key])
    assert {'backbone_grad/loss_au', 'backbone_grad/loss_region',
            'backbone_grad/loss_decoder', 'token_spread/au',
            'token_spread/region', 'token_spread/decoder',
            'decoder_entropy/layer0', 'decoder_entropy/layer1'} <= set(result)
    assert result['decoder_entropy/uniform'] == math.log(15 + 8)
    assert result['decoder_rule_share/uniform'] == float(
        model.head.au_regions.mean())
    assert all(v > 0 for k, v in result.items())


@pytest.mark.slow
def test_head_diagnostics_recorded_over_training_and_drawn(tmp_path):
    cfg = _study_config('diagnostics.py')
    cfg.merge_from_dict(TINY)
    cfg.work_dir = str(tmp_path)
    cfg.custom_hooks = [
        dict(type='HeadDiagnosticsHook', interval=2, num_faces=4)
    ]
    cfg.visualizer.name = f'visualizer_{tmp_path.name}'
    runner = Runner.from_cfg(cfg)
    runner.train()
    path = tmp_path / 'head_diagnostics.jsonl'
    records = [json.loads(line) for line in path.read_text().splitlines()]
    assert [r['iter'] for r in records] == list(
        range(0, runner.iter + 1, 2))
    for record in records:
        assert 0 <= record['decoder_rule_share/layer0'] <= 1
        assert record['decoder_entropy/layer0'] <= record[
            'decoder_entropy/uniform'] + 1e-6
    tool = 'projects/decoder_study/tools/plot_head_diagnostics.py'
    run_python(tool, path, path, '--labels', 'a', 'b', '--out',
               tmp_path / 'diag.png')
    picture = cv2.imread(str(tmp_path / 'diag.png'))
    assert picture.shape[1] > 4 * picture.shape[0]  # four panels in a row
    path.write_text('{"iter": 0}\nnot json\n')
    out = run_python(tool, path, '--out', tmp_path / 'bad.png',
                     succeed=False)
    assert f'{path}:2: not a JSON line' in out
def test_detr_embedding_adds_embeddings_to_queries_and_keys_only():
    torch.manual_seed(0)
    decoder = StudyQueryDecoder(num_queries=5, embedding='detr', num_memory=13,
                           **LAYERS).eval()
    memory = torch.randn(2, 13, 16)
    tokens, attention = decoder(memory, return_attention=True)
    assert tokens.shape == (2, 5, 16)
    assert attention.shape == (2, 2, 5, 13)
    torch.testing.assert_close(attention.sum(-1), torch.ones(2, 2, 5))
    # the memory embedding moves the attention but is no value: over a
    # memory of one repeated token, the outputs stay the same
    memory = torch.randn(2, 1, 16).expand(-1, 13, -1)
    tokens, before = decoder(memory, return_attention=True)
    with torch.no_grad():
        decoder.memory_embed.add_(torch.randn_like(decoder.memory_embed))
    moved, after = decoder(memory, return_attention=True)
    assert not torch.allclose(after, before)
    torch.testing.assert_close(moved, tokens)


def test_every_layers_output_on_request():
    decoder = StudyQueryDecoder(num_queries=5, norm_first=True,
                                **LAYERS).eval()
    memory = torch.randn(2, 9, 16)
    outputs = decoder(memory, all_layers=True)
    assert len(outputs) == 2
    torch.testing.assert_close(outputs[-1], decoder(memory))


def test_bad_embedding_settings_are_explained():
    with pytest.raises(ValueError, match="'input' or 'detr'"):
        StudyQueryDecoder(num_queries=3, embedding='sine', **LAYERS)
    with pytest.raises(ValueError, match='num_memory'):
        StudyQueryDecoder(num_queries=3, embedding='detr', **LAYERS)
    with pytest.raises(ValueError, match="'default' or 'zero'"):
        StudyQueryDecoder(num_queries=3, residual_init='ones', **LAYERS)


@pytest.mark.parametrize('norm_first', [False, True])
def test_zero_residual_init_starts_as_the_identity_and_trains(norm_first):
    decoder = StudyQueryDecoder(num_queries=5, norm_first=norm_first,
                           residual_init='zero', **LAYERS)
    decoder.init_weights()  # a later initialisation keeps the zeros
    memory = torch.randn(2, 9, 16, requires_grad=True)
    content = torch.randn(2, 5, 16)
    out = decoder.eval()(memory, query_content=content)
    expected = content + decoder.queries
    norms = [nn.functional.layer_norm] * (
        1 if norm_first else 3 * len(decoder.layers))
    for norm in norms:  # each norm starts at weight 1, bias 0
        expected = norm(expected, (16, ))
    torch.testing.assert_close(out, expected)
    # the zeroed projections learn from the first step, the memory after
    decoder.train()(memory, query_content=content).sum().backward()
    last = decoder.layers[-1]
    assert last.multihead_attn.out_proj.weight.grad.abs().sum() > 0
    assert last.linear2.weight.grad.abs().sum() > 0


@pytest.mark.parametrize('norm_first', [False, True])
def test_without_self_attention_each_query_reads_the_memory_alone(
        norm_first):
    torch.manual_seed(0)
    decoder = StudyQueryDecoder(num_queries=5, norm_first=norm_first,
                           self_attention=False, residual_init='zero',
                           **LAYERS)
    assert not any('self_attn' in name or 'norm1' in name
                   for name, _ in decoder.named_parameters())
    decoder.eval()
    memory = torch.randn(2, 9, 16)
    content = torch.randn(2, 5, 16)
    out = decoder(memory, query_content=content)
    assert out.shape == (2, 5, 16)
    # changing one AU's query changes that AU's output token only
    changed = content.clone()
    changed[:, 2] += torch.randn(2, 16)
    moved = decoder(memory, query_content=changed)
    others = [0, 1, 3, 4]
    torch.testing.assert_close(moved[:, others], out[:, others])
    assert not torch.allclose(moved[:, 2], out[:, 2])
    with_self_attention = StudyQueryDecoder(
        num_queries=5, norm_first=norm_first, **LAYERS).eval()
    coupled = with_self_attention(memory, query_content=content)
    assert not torch.allclose(
        with_self_attention(memory, query_content=changed)[:, 0],
        coupled[:, 0])
