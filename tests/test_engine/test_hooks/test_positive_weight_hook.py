from types import SimpleNamespace

import numpy as np
import pytest
import torch

from mmfau.engine.hooks import AUPositiveWeightHook, positive_weights
from mmfau.models.heads import FACSRuleHead


def test_weights_are_negatives_per_positive():
    np.testing.assert_allclose(
        positive_weights([10, 50, 0], [100, 100, 100], max_weight=20),
        [9.0, 1.0, 20.0])


def _runner(metainfo):
    head = FACSRuleHead(
        aus=[1, 2, 4], in_channels=4, embed_dims=8, au_encoder=None,
        region_encoder=None, decoder=None,
        classifier=dict(type='PerTokenMLP', hidden_dims=(4, )))
    model = torch.nn.Module()
    model.head = head
    logged = []
    return SimpleNamespace(
        model=model,
        train_dataloader=SimpleNamespace(
            dataset=SimpleNamespace(metainfo=metainfo)),
        logger=SimpleNamespace(info=logged.append)), logged


def test_hook_sets_the_au_losses_from_the_stored_counts():
    runner, logged = _runner(
        dict(au_positive=[5, 20, 40], au_known=[100, 100, 80],
             au_names=['AU1', 'AU2', 'AU4']))
    AUPositiveWeightHook().before_train(runner)
    torch.testing.assert_close(runner.model.head.loss_au.pos_weight,
                               torch.tensor([19.0, 4.0, 1.0]))
    assert 'AU1 19.00' in logged[0]


def test_hook_without_counts_says_what_to_do():
    runner, _ = _runner(dict(au_names=['AU1', 'AU2', 'AU4']))
    with pytest.raises(ValueError, match='re-run the converter'):
        AUPositiveWeightHook().before_train(runner)
