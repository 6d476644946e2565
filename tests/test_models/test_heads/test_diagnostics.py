import math

import torch
from mmengine.config import Config

from mmfau.models.heads import attention_entropy, rule_share, token_spread
from mmfau.models.heads.diagnostics import head_diagnostics
from mmfau.registry import MODELS
from mmfau.structures import FAUDataSample
from tests.test_tools.helpers import ROOT


def test_entropy_is_log_m_for_uniform_and_zero_for_one_token():
    uniform = torch.full((2, 1, 3, 8), 1 / 8)
    one_hot = torch.zeros(2, 1, 3, 8)
    one_hot[..., 0] = 1
    entropy = attention_entropy(torch.cat([uniform, one_hot], dim=1))
    torch.testing.assert_close(entropy, torch.tensor([math.log(8), 0.0]))


def test_spread_is_zero_for_identical_images_and_grows_with_difference():
    same = torch.randn(1, 5, 16).expand(4, -1, -1)
    assert token_spread(same) == 0.0
    varied = same + 0.1 * torch.randn(4, 5, 16)
    assert 0 < token_spread(varied) < token_spread(same +
                                                   torch.randn(4, 5, 16))


def test_diagnostics_of_the_small_model_leave_it_unchanged():
    cfg = Config.fromfile(f'{ROOT}/configs/fau/full_synthetic_f1.py')
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
    assert {'decoder_rule_share/layer0', 'decoder_rule_share/layer1'} <= set(
        result)
    assert result['decoder_rule_share/uniform'] == float(
        model.head.au_regions.mean())
    assert all(v > 0 for k, v in result.items())


def test_rule_share_is_one_on_the_rule_regions_and_chance_when_even():
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
