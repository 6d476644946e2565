"""A mistake in a config or an override is one line naming it."""
import pytest

from mmfau.utils import load_config

from ..test_tools.helpers import ROOT, run_python

CONFIG = f'{ROOT}/configs/fau/full_synthetic.py'


def test_an_override_of_the_wrong_type_names_the_option():
    with pytest.raises(ValueError, match=r'--cfg-options '
                       r'model.head.decoder.num_layers=abc: expected a '
                       r'number \(the config has 2\)'):
        load_config(CONFIG, {'model.head.decoder.num_layers': 'abc'})
    with pytest.raises(ValueError, match='expected True or False'):
        load_config(CONFIG, {'train_dataloader.persistent_workers': 'yes'})
    cfg = load_config(CONFIG, {'model.head.decoder.num_layers': 3,
                               'model.head.intensity': None,
                               'train_cfg.max_epochs': 2.0})
    assert cfg.model.head.decoder.num_layers == 3


def test_a_config_syntax_error_names_file_and_line(tmp_path):
    path = tmp_path / 'broken.py'
    path.write_text("_base_ = ['x.py']\nmodel = dict(\n    a=[1,\n)\n")
    with pytest.raises(ValueError, match=f'{path}:4: syntax error'):
        load_config(str(path))
    # an error in a base file names the base file and its line
    (tmp_path / 'bases').mkdir()
    (tmp_path / 'bases' / 'good.py').write_text('a = 1\n')
    (tmp_path / 'bases' / 'bad.py').write_text('b = 2\nc = (\n')
    child = tmp_path / 'child.py'
    child.write_text("_base_ = ['./bases/good.py', './bases/bad.py']\n"
                     "d = 3\n")
    with pytest.raises(ValueError, match=f'^{tmp_path / "bases" / "bad.py"}'
                       ":2: syntax error in the config: '\\(' was never "
                       'closed$'):
        load_config(str(child))


@pytest.mark.slow
def test_train_names_a_bad_option_without_a_traceback():
    out = run_python('tools/train.py', CONFIG, '--cfg-options',
                     'model.head.decoder.num_layers=abc', succeed=False)
    assert 'error: --cfg-options model.head.decoder.num_layers=abc' in out
    assert 'Traceback' not in out
