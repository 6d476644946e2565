"""Counting the operations a step dispatches, with and without views."""
import torch

from mmfau.utils import count_ops


def test_counts_every_operation_and_tells_views_from_computing_ones():
    x = torch.randn(4, 3)
    # t and reshape's view of its copy launch no kernel; clone, mul, sum do
    counter = count_ops(lambda: (x.t().reshape(-1) * 2).sum())
    assert dict(counter.counts) == {
        't': 1, 'clone': 1, '_unsafe_view': 1, 'mul': 1, 'sum': 1}
    assert counter.total == 5
    assert counter.views == {'t', '_unsafe_view'}
    assert counter.computing == 3


def test_counts_the_backward_pass_and_the_gradients():
    x = torch.randn(4, 3, requires_grad=True)
    weight = torch.randn(5, 3, requires_grad=True)
    counter = count_ops(
        lambda: torch.nn.functional.linear(x, weight).sum().backward())
    # the product forward and its two gradients; a detach per leaf's
    # first gradient
    assert counter.counts['mm'] == 3
    assert counter.counts['detach'] == 2
    assert counter.computing == counter.total - sum(
        counter.counts[name] for name in ('t', 'detach', 'expand'))
