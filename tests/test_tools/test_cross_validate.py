"""tools/cross_validate.py: collects finished folds, runs missing ones."""
import glob
import json
import os.path as osp

import pytest

from .helpers import ROOT, TINY, run_python

#: These tests run the tools or a Runner: deselect with -m "not slow".
pytestmark = pytest.mark.slow

FAMILY = 'configs/fau/full_synthetic'
CONFIGS = [f'{FAMILY}_f{k}.py' for k in (1, 2, 3)]


def test_collects_finished_folds_runs_the_rest_and_tabulates(tmp_path):
    aus = ['AU1', 'AU2', 'AU4', 'AU6', 'AU7', 'AU9', 'AU10', 'AU12', 'AU14',
           'AU15', 'AU17', 'AU23', 'AU24', 'AU25', 'AU26']
    for fold, value in (('full_synthetic_f1', 60.0),
                        ('full_synthetic_f2', 70.0)):
        folder = tmp_path / fold
        folder.mkdir()
        metrics = {f'F1/{au}': value for au in aus}
        metrics['F1/mean'] = value
        (folder / 'test_metrics.json').write_text(json.dumps(metrics))
    options = [f'{k}={v}' for k, v in TINY.items()]
    options.append('train_cfg.max_epochs=1')
    out = run_python('tools/cross_validate.py', FAMILY, '--work-root',
                     tmp_path, '--cfg-options', *options)
    assert 'tools/train.py configs/fau/full_synthetic_f3.py' in out
    assert 'train.py configs/fau/full_synthetic_f1.py' not in out  # kept
    f3 = json.loads((tmp_path / 'full_synthetic_f3' /
                     'test_metrics.json').read_text())
    lines = (tmp_path / 'full_synthetic_cv' /
             'full_synthetic_cv.csv').read_text().splitlines()
    assert lines[0] == 'fold,' + ','.join(aus) + ',Avg'
    assert lines[1].startswith('full_synthetic_f1,60.0,')
    mean = lines[-1].split(',')
    assert mean[0] == 'mean'
    assert float(mean[-1]) == round((60 + 70 + f3['F1/mean']) / 3, 1)
    markdown = (tmp_path / 'full_synthetic_cv' / 'full_synthetic_cv.md')
    assert markdown.read_text().startswith('| fold | AU1 |')


def test_collect_only_names_unfinished_folds(tmp_path):
    out = run_python('tools/cross_validate.py', *CONFIGS, '--work-root',
                     tmp_path, '--collect-only', succeed=False)
    assert 'full_synthetic_f2/test_metrics.json' in out


def test_every_family_has_its_three_folds():
    from cross_validate import fold_configs
    families = sorted(
        f[:-len('_f1.py')]
        for f in glob.glob(osp.join(ROOT, 'configs', 'fau', '*_f1.py')))
    # 7 variants x (BP4D, DISFA, synthetic), your own data, DISFA intensity
    assert len(families) == 23
    for family in families:
        assert [osp.basename(c) for c in fold_configs([family])] == [
            f'{osp.basename(family)}_f{k}.py' for k in (1, 2, 3)
        ]
    with pytest.raises(FileNotFoundError, match='lacks fold'):
        fold_configs([osp.join(ROOT, 'configs', 'fau', 'full_r50_synthetic')])
