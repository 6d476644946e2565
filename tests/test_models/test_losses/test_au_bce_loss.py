import pytest
import torch
import torch.nn.functional as F

from mmfau.models.losses import MaskedBCELoss


def _example():
    logits = torch.tensor([[2.0, -1.0, 0.5], [0.0, 3.0, -2.0]])
    target = torch.tensor([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]])
    mask = torch.tensor([[True, False, True], [True, True, False]])
    return logits, target, mask


def test_masked_bce_ignores_unknown_labels():
    logits, target, mask = _example()
    loss = MaskedBCELoss()(logits, target, mask)
    known = F.binary_cross_entropy_with_logits(logits[mask], target[mask])
    torch.testing.assert_close(loss, known)
    # whatever sits at unknown entries changes nothing
    other = logits.clone()
    other[~mask] = torch.tensor([50.0, -50.0])
    torch.testing.assert_close(MaskedBCELoss()(other, target, mask), loss)
    assert MaskedBCELoss()(logits, target, torch.zeros_like(mask)) == 0
    weighted = MaskedBCELoss(loss_weight=2.0)(logits, target, mask)
    torch.testing.assert_close(weighted, 2 * loss)


def test_positive_weights_set_later_equal_weights_given_at_build():
    logits, target, mask = _example()
    weights = [3.0, 1.0, 0.5]
    loss = MaskedBCELoss()
    loss.set_pos_weight(weights)
    expected = F.binary_cross_entropy_with_logits(
        logits, target, pos_weight=torch.tensor(weights),
        reduction='none')[mask].mean()
    torch.testing.assert_close(loss(logits, target, mask), expected)
    torch.testing.assert_close(
        MaskedBCELoss(pos_weight=weights)(logits, target, mask), expected)
    # weights come from the config or the data, never from a checkpoint
    assert 'pos_weight' not in loss.state_dict()
    with pytest.raises(ValueError, match='> 0'):
        loss.set_pos_weight([1.0, 0.0, 2.0])
