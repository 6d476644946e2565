"""Every way a checkpoint file can be wrong is one line naming it."""
import re

import pytest
import torch

from mmfau.apis import init_model
from mmfau.utils import read_checkpoint, state_dict_mismatch

from ..test_apis.test_inference import CONFIG, _checkpoint
from ..test_tools.helpers import run_python


def _bad_files(tmp_path):
    good = _checkpoint(tmp_path / 'good.pth')
    empty = tmp_path / 'empty.pth'
    empty.write_bytes(b'')
    text = tmp_path / 'notes.pth'
    text.write_text('these are my notes, not weights\n')
    truncated = tmp_path / 'cut.pth'
    data = open(good, 'rb').read()
    truncated.write_bytes(data[:len(data) // 3])
    return dict(empty=(empty, 'is empty (0 bytes)'),
                text=(text, 'is not a PyTorch checkpoint of weights'),
                truncated=(truncated, 'is truncated or damaged'))


def test_empty_text_and_truncated_files_are_named(tmp_path):
    for path, message in _bad_files(tmp_path).values():
        with pytest.raises(ValueError, match=re.escape(message)) as err:
            read_checkpoint(str(path))
        assert str(path) in str(err.value)
        assert 'weights_only=False' not in str(err.value)
        assert '\n' not in str(err.value)


def test_a_foreign_checkpoint_gives_counts_and_a_few_keys():
    model = {'a.weight': torch.zeros(2), 'b.weight': torch.zeros(3),
             **{f'c{i}': torch.zeros(1) for i in range(10)}}
    given = {'a.weight': torch.zeros(4), 'x': torch.zeros(1)}
    message = state_dict_mismatch(model, given)
    assert message.startswith('11 missing key(s) (b.weight, c0, c1, ...); '
                              '1 unexpected key(s) (x); 1 reshaped key(s) '
                              '(a.weight (4,) vs (2,))')
    assert state_dict_mismatch(model, model) == ''


def test_weights_without_their_face_geometry_are_refused(tmp_path):
    path = tmp_path / 'bare.pth'
    state = torch.load(_checkpoint(tmp_path / 'good.pth'),
                       weights_only=True)['state_dict']
    torch.save(dict(state_dict=state), path)
    with pytest.raises(ValueError, match='lacks the face geometry'):
        init_model(CONFIG, str(path))


@pytest.mark.slow
def test_the_tools_print_one_line_for_a_bad_checkpoint(tmp_path):
    files = _bad_files(tmp_path)
    for tool in ('tools/test.py', 'demo/image_demo.py'):
        path, message = files['empty' if tool == 'tools/test.py' else
                              'text']
        args = [CONFIG, path, '--work-dir', tmp_path / 'work'] if (
            tool == 'tools/test.py') else [
            'x.png', CONFIG, path, '--out-csv', tmp_path / 'aus.csv']
        out = run_python(tool, *args, succeed=False)
        assert f'error: Checkpoint {path} {message}' in out
        assert 'Traceback' not in out
