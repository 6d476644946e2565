from types import SimpleNamespace

import torch

from mmfau.engine.hooks import AUBaseRateBiasHook
from mmfau.models.heads import FACSRuleHead

SMALL = dict(embed_dims=8, num_layers=1, num_heads=2, ffn_dims=16)


def _runner(iteration=0, load_from=None):
    head = FACSRuleHead(
        aus=[1, 2, 4], in_channels=4, embed_dims=8,
        au_encoder=dict(type='TokenEncoder', **SMALL), region_encoder=None,
        decoder=dict(type='QueryDecoder', **SMALL),
        classifier=dict(type='PerTokenMLP', hidden_dims=(4, )))
    model = torch.nn.Module()
    model.head = head
    logged = []
    meta = dict(au_positive=[5, 50, 72], au_known=[100, 100, 80],
                au_names=['AU1', 'AU2', 'AU4'])
    return SimpleNamespace(
        model=model, iter=iteration, _load_from=load_from,
        train_dataloader=SimpleNamespace(
            dataset=SimpleNamespace(metainfo=meta)),
        logger=SimpleNamespace(info=logged.append)), logged


def _rates(head, name):
    return torch.sigmoid(getattr(head, name).biases[-1].squeeze(-1))


def test_a_fresh_run_starts_both_au_classifiers_at_the_base_rates():
    runner, logged = _runner()
    AUBaseRateBiasHook().before_train(runner)
    for name in ('au_classifier', 'decoder_classifier'):
        torch.testing.assert_close(_rates(runner.model.head, name),
                                   torch.tensor([0.05, 0.5, 0.9]))
    assert 'AU1 0.050' in logged[0]


def test_resumed_or_loaded_runs_keep_their_biases():
    for runner, _ in (_runner(iteration=100), _runner(load_from='a.pth')):
        before = _rates(runner.model.head, 'au_classifier').clone()
        AUBaseRateBiasHook().before_train(runner)
        torch.testing.assert_close(
            _rates(runner.model.head, 'au_classifier'), before)
