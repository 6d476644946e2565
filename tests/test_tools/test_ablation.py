"""tools/ablation.py: the seven-variant table over seeds, resumable."""
import json

import pytest

from .helpers import TINY, run_python

pytestmark = pytest.mark.slow

AUS = ['AU1', 'AU2', 'AU4', 'AU6', 'AU7', 'AU9', 'AU10', 'AU12', 'AU14',
       'AU15', 'AU17', 'AU23', 'AU24', 'AU25', 'AU26']


def _finished(folder, value, decoder=False):
    folder.mkdir(parents=True)
    metrics = {f'F1/{au}': value for au in AUS}
    metrics.update({'F1/mean': value, 'AUC/mean': value / 100,
                    'AP/mean': value / 200})
    if decoder:
        metrics['F1_Ea/mean'] = value + 1
    (folder / 'test_metrics.json').write_text(json.dumps(metrics))


def test_trains_missing_runs_and_tabulates_mean_and_spread(tmp_path):
    # three runs finished, one left to train (the full method, seed 1)
    _finished(tmp_path / 'crm_synthetic_f1_seed0', 50.0)
    _finished(tmp_path / 'crm_synthetic_f1_seed1', 60.0)
    _finished(tmp_path / 'full_synthetic_f1_seed0', 70.0, decoder=True)
    options = [f'{k}={v}' for k, v in TINY.items()]
    out = run_python('tools/ablation.py', '--variants', 'crm', 'full',
                     '--seeds', '0', '1', '--folds', '1', '--jobs', '2',
                     '--work-root', tmp_path, '--cfg-options', *options,
                     timeout=400)
    trained = tmp_path / 'full_synthetic_f1_seed1'
    assert 'crm_synthetic_f1_seed0: F1 50.0' in out
    config = next(trained.glob('*/vis_data/config.py')).read_text()
    assert 'seed=1' in config.replace(' ', '')
    new = json.loads((trained / 'test_metrics.json').read_text())

    lines = (tmp_path / 'ablation_synthetic.csv').read_text().splitlines()
    # the paper's losses: no intensity, so no ICC column
    assert 'ICC/mean' not in new and 'AUC/mean' in new
    assert lines[0] == ','.join(['variant', 'M', 'Ea', 'Er', 'Da'] + AUS +
                                ['F1 mean ± std', 'AUC mean ± std',
                                 'AP mean ± std', 'Ea F1 mean ± std',
                                 'lowest AU F1', 'paper BP4D'])
    crm, full = lines[1].split(','), lines[2].split(',')
    # CRM keeps the map layer alone; the full method everything
    assert crm[:5] == ['crm', '✓', '', '', ''] and crm[-1] == '60.4'
    assert full[:5] == ['full', '✓', '✓', '✓', '✓']
    # mean and sample standard deviation over the two seeds
    assert crm[-6:-2] == ['55.0 ± 7.1', '0.550 ± 0.071', '0.275 ± 0.035',
                          '']
    assert crm[-2] == '50.0'
    mean = (70.0 + new['F1/mean']) / 2
    assert full[-6].startswith(f'{mean:.1f} ± ')
    ea = (71.0 + new['F1_Ea/mean']) / 2
    assert full[-3].startswith(f'{ea:.1f} ± ')
    note = (tmp_path / 'ablation_synthetic.md').read_text()
    # the time is for the run trained now, and the note says so
    assert ('4 runs (2 variants x seeds [0, 1] x folds [1]; 3 collected '
            'from earlier, 1 trained now) in ') in note
    assert 'Full minus CRM' in note
    assert (tmp_path / 'ablation_synthetic.png').stat().st_size > 10_000
    per_au = (tmp_path / 'ablation_synthetic_per_au.csv').read_text()
    assert per_au.splitlines()[:2] == [
        ','.join(['variant', 'score'] + AUS), ','.join(['crm', 'F1'] +
                                                       ['55.0'] * 15)]


def test_a_missing_fold_config_is_named(tmp_path):
    out = run_python('tools/ablation.py', '--data', 'bp4d', '--variants',
                     'crm', '--folds', '1', '--seeds', '0', '--work-root',
                     tmp_path, succeed=False)
    assert 'Annotation file' in out and 'crm_bp4d_f1' in out


def test_intensity_and_switches_are_merged_into_each_runs_config(tmp_path):
    from mmengine.config import Config
    _finished(tmp_path / 'crm_synthetic_f1_seed0', 50.0)
    out = run_python('tools/ablation.py', '--variants', 'crm', '--seeds', '0',
                     '--folds', '1', '--work-root', tmp_path, '--intensity',
                     '--switches',
                     'projects/decoder_study/configs/base_rate_bias.py',
                     'projects/decoder_study/configs/aux_loss.py')
    assert 'losses L_a + L_r + L_d + intensity' in out
    cfg = Config.fromfile(str(tmp_path / 'configs' / 'crm_synthetic_f1.py'))
    assert cfg.model.head.intensity.type == 'PerTokenMLP'
    assert cfg.model.head.decoder is None  # CRM's switch kept
    assert cfg.model.head.decoder_aux_loss is True
    assert cfg.model.head.type == 'StudyFACSRuleHead'
    assert cfg.custom_imports.imports == [
        'projects.decoder_study.decoder_study']
    # the switch's hook is added to the runtime's, not put in its place
    assert [h['type'] for h in cfg.custom_hooks] == [
        'FiniteLossHook', 'PopulationBaselineHook', 'AUBaseRateBiasHook']
    assert [m['type'] for m in cfg.test_evaluator] == ['AUF1Metric',
                                                       'AUIntensityMetric']


def test_thresholds_are_chosen_on_validation_subjects(tmp_path):
    from mmengine.config import Config
    options = dict(TINY, **{'train_cfg.max_epochs': 1})
    options.update({f'{loader}_dataloader.dataset.num_subjects': 6
                    for loader in ('train', 'val', 'test')})
    out = run_python('tools/ablation.py', '--variants', 'crm', '--seeds',
                     '0', '--folds', '1', '--work-root', tmp_path,
                     '--val-thresholds', '--cfg-options',
                     *[f'{k}={v}' for k, v in options.items()], timeout=400)
    run = tmp_path / 'crm_synthetic_f1_seed0_valsplit'
    # the first run in the work dir trained, then three tests
    training = sorted(run.glob('*/vis_data/config.py'))[0]
    config = Config.fromfile(str(training))
    assert config.train_dataloader.dataset.filter_cfg.subjects == 'train'
    chosen = json.loads((run / 'validation_metrics.json').read_text())
    # one of the 4 training subjects (S04), seen through the test loader
    # (5 faces a subject here), chose the thresholds
    assert chosen['num_samples'] == 5
    final = json.loads(
        (run / 'test_metrics_val_thresholds.json').read_text())
    at = json.loads((run / 'test_metrics_at_thresholds.json').read_text())
    assert final['F1_val/mean'] == at['F1/mean']
    assert [final[f'threshold/{au}'] for au in AUS] == [
        chosen[f'threshold/{au}'] for au in AUS]
    assert final['num_samples'] == at['num_samples'] == 10  # the test part
    header = (tmp_path / 'ablation_synthetic.csv').read_text().splitlines()[0]
    assert 'F1 at validation thresholds mean ± std' in header
    assert 'F1 at validation thresholds' in out
