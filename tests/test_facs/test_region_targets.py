import torch

from mmfau.facs import active_region_targets, au_region_matrix


def test_region_targets_follow_the_rules_and_unknowns():
    rules = torch.tensor(au_region_matrix([1, 12, 25]), dtype=torch.float32)
    # AU1: regions 1-3; AU12: 5-7; AU25: 7-8 (1-based)
    labels = torch.tensor([[1., 0., 0.], [0., 0., 1.], [0., 0., 0.]])
    mask = torch.tensor([[True, True, True], [True, False, True],
                         [True, True, False]])
    targets, known = active_region_targets(labels, mask, rules)
    assert targets[0].tolist() == [1, 1, 1, 0, 0, 0, 0, 0]
    assert targets[1].tolist() == [0, 0, 0, 0, 0, 0, 1, 1]
    # sample 1: AU12 unknown -> regions 5 and 6 unknown, 7 active via AU25
    assert known[1].tolist() == [1, 1, 1, 0, 0, 0, 1, 1]
    # sample 2: AU25 unknown -> regions 7 and 8 unknown; region 4 has no AU
    assert known[2].tolist() == [1, 1, 1, 0, 1, 1, 0, 0]
