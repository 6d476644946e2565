from mmfau.utils import median_seconds


def test_steps_take_turns_after_their_warm_up():
    calls = []
    syncs = []
    seconds = median_seconds(
        [lambda: calls.append('a'), lambda: calls.append('b')], iters=3,
        warmup=2, sync=lambda: syncs.append(len(calls)))
    assert len(seconds) == 2 and all(s >= 0 for s in seconds)
    # warm-up and timed calls alternate, never a run of one step
    assert calls == ['a', 'b'] * 5
    # the device is waited for after the warm-up and after each timed call
    assert syncs == [4, 5, 6, 7, 8, 9, 10]


def test_the_device_is_described_with_its_cores_and_threads():
    import os

    import torch

    from mmfau.utils import describe_device
    text = describe_device('cpu')
    assert text.startswith('CPU (') and f'{os.cpu_count()} cores' in text
    assert f'{torch.get_num_threads()} threads' in text
