"""tools/cross_validate.py: collects finished folds, runs missing ones."""
import json

from .helpers import TINY, run_python

CONFIGS = ['configs/fau/full_synthetic.py', 'configs/fau/full_synthetic_f2.py',
           'configs/fau/full_synthetic_f3.py']


def test_collects_finished_folds_runs_the_rest_and_tabulates(tmp_path):
    aus = ['AU1', 'AU2', 'AU4', 'AU6', 'AU7', 'AU9', 'AU10', 'AU12', 'AU14',
           'AU15', 'AU17', 'AU23', 'AU24', 'AU25', 'AU26']
    for fold, value in (('full_synthetic', 60.0), ('full_synthetic_f2',
                                                   70.0)):
        folder = tmp_path / fold
        folder.mkdir()
        metrics = {f'F1/{au}': value for au in aus}
        metrics['F1/mean'] = value
        (folder / 'test_metrics.json').write_text(json.dumps(metrics))
    options = [f'{k}={v}' for k, v in TINY.items()]
    options.append('train_cfg.max_epochs=1')
    out = run_python('tools/cross_validate.py', *CONFIGS, '--work-root',
                     tmp_path, '--cfg-options', *options)
    assert 'tools/train.py configs/fau/full_synthetic_f3.py' in out
    assert 'train.py configs/fau/full_synthetic.py ' not in out  # collected
    f3 = json.loads((tmp_path / 'full_synthetic_f3' /
                     'test_metrics.json').read_text())
    lines = (tmp_path / 'full_synthetic_cv' /
             'full_synthetic_cv.csv').read_text().splitlines()
    assert lines[0] == 'fold,' + ','.join(aus) + ',Avg'
    assert lines[1].startswith('full_synthetic,60.0,')
    mean = lines[-1].split(',')
    assert mean[0] == 'mean'
    assert float(mean[-1]) == round((60 + 70 + f3['F1/mean']) / 3, 1)
    markdown = (tmp_path / 'full_synthetic_cv' / 'full_synthetic_cv.md')
    assert markdown.read_text().startswith('| fold | AU1 |')


def test_collect_only_names_unfinished_folds(tmp_path):
    out = run_python('tools/cross_validate.py', *CONFIGS, '--work-root',
                     tmp_path, '--collect-only', succeed=False)
    assert 'full_synthetic_f2/test_metrics.json' in out
