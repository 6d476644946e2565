import numpy as np
import torch
from mmengine.logging import HistoryBuffer

from mmfau.engine.runner import from_plain, to_plain


def _checkpoint():
    buffer = HistoryBuffer()
    for value in (0.5, 0.25, np.float64(0.125)):
        buffer.update(value)
    return dict(
        meta=dict(epoch=2, best=np.float64(61.5), shape=(3, 4)),
        state_dict=dict(w=torch.ones(2)),
        message_hub=dict(
            log_scalars={'train/loss': buffer},
            runtime_info=dict(iter=np.int64(7), arr=np.arange(3)),
            resumed_keys={'train/loss': True}))


def test_saved_state_loads_with_weights_only(tmp_path):
    checkpoint = _checkpoint()
    checkpoint = to_plain(checkpoint)
    path = tmp_path / 'epoch_2.pth'
    torch.save(checkpoint, path)
    loaded = torch.load(path, weights_only=True)  # the safe default
    loaded['message_hub'] = from_plain(loaded['message_hub'])
    buffer = loaded['message_hub']['log_scalars']['train/loss']
    assert isinstance(buffer, HistoryBuffer)
    np.testing.assert_allclose(buffer.data[0], [0.5, 0.25, 0.125])
    assert buffer.mean() == _checkpoint()['message_hub']['log_scalars'][
        'train/loss'].mean()
    assert loaded['meta'] == dict(epoch=2, best=61.5, shape=(3, 4))
    assert loaded['message_hub']['runtime_info'] == dict(iter=7, arr=[0, 1,
                                                                      2])
    assert torch.equal(loaded['state_dict']['w'], torch.ones(2))


def test_unconverted_state_is_refused_by_the_safe_loader(tmp_path):
    path = tmp_path / 'raw.pth'
    torch.save(_checkpoint(), path)
    try:
        torch.load(path, weights_only=True)
    except Exception as err:  # what the conversion exists to avoid
        assert 'weights_only' in str(err).lower() or 'Unpickl' in repr(err)
    else:
        raise AssertionError('torch.load accepted numpy objects')


def test_round_trip_keeps_plain_values():
    value = dict(a=[1, (2, 3)], b='x', c=None)
    assert from_plain(to_plain(value)) == value
