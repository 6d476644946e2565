"""Every config under configs/, bases included, builds what it describes
or says what it lacks."""
import glob
import os.path as osp

import pytest
from mmengine.config import Config

from mmfau.engine.runner import check_runnable
from mmfau.faces import GEOMETRY_KEY
from mmfau.registry import DATASETS, HOOKS, MODELS
from tests.test_tools.helpers import ROOT

#: Config fragments that tools/ablation.py merges into a run: its
#: --intensity and the decoder study's switches.
SWITCHES = sorted(
    glob.glob(osp.join(ROOT, 'configs', 'fau', 'switches', '*.py')) +
    glob.glob(osp.join(ROOT, 'projects', 'decoder_study', 'configs', '*.py')))
CONFIGS = sorted(
    osp.relpath(path, ROOT)
    for path in glob.glob(osp.join(ROOT, 'configs', '**', '*.py'),
                          recursive=True)
    if path not in SWITCHES)


_MODELS = {}


def _build_model(model_cfg):
    """Build a model; the many configs that share one are built once."""
    key = Config(dict(model=model_cfg)).pretty_text
    if key not in _MODELS:
        _MODELS[key] = MODELS.build(model_cfg)
    return _MODELS[key]


def _dataset_built_or_named(dataset_cfg: dict) -> None:
    if dataset_cfg['type'] == 'SyntheticFaceDataset':
        dataset = DATASETS.build(
            dict(dataset_cfg, num_subjects=3, frames_per_subject=1))
        assert GEOMETRY_KEY in dataset.metainfo
        return
    with pytest.raises(FileNotFoundError, match='Make it with: python '
                       'tools/dataset_converters/'):
        DATASETS.build(dict(dataset_cfg, data_root='/nonexistent'))


def test_the_config_tree_is_complete():
    names = {osp.basename(c) for c in CONFIGS}
    for variant in ('full', 'crm', 'crmea', 'crmeada', 'crerm', 'crerda',
                    'crmeaer'):
        for data in ('bp4d', 'disfa', 'synthetic'):
            for fold in (1, 2, 3):
                assert f'{variant}_{data}_f{fold}.py' in names
    for fold in (1, 2, 3):
        assert f'full_custom_f{fold}.py' in names


@pytest.mark.parametrize('config', CONFIGS)
def test_config_builds_or_names_what_it_lacks(config):
    cfg = Config.fromfile(osp.join(ROOT, config))
    for purpose in ('train', 'test'):
        try:
            check_runnable(cfg, purpose)
        except ValueError as err:
            assert 'lacks' in str(err) and config.startswith(
                'configs/_base_'), err
    if 'model' in cfg:
        model = _build_model(cfg.model)
        if 'aus' in cfg:
            assert model.head.aus == list(cfg.aus)
    if cfg.get('test_dataloader') and config.endswith(
            ('_f1.py', 'datasets/bp4d.py', 'datasets/disfa.py',
             'datasets/synthetic.py', 'datasets/custom.py')):
        _dataset_built_or_named(cfg.test_dataloader.dataset)
        assert cfg.get('inference_pipeline'), 'no inference_pipeline'


@pytest.mark.parametrize('switch', SWITCHES, ids=osp.basename)
def test_each_study_switch_merges_into_the_full_method(switch):
    cfg = Config.fromfile(
        osp.join(ROOT, 'configs', 'fau', 'full_synthetic_f1.py'))
    fragment = Config.fromfile(switch).to_dict()
    assert fragment, f'{switch} switches nothing'
    hooks = fragment.pop('custom_hooks', [])
    cfg.merge_from_dict(fragment)
    assert all(hook['type'] in HOOKS for hook in hooks)
    model = _build_model(cfg.model)
    assert model.head.aus == list(cfg.aus)


def test_the_model_index_lists_every_config_and_the_readmes_results():
    import yaml
    with open(osp.join(ROOT, 'configs', 'fau', 'metafile.yml')) as f:
        index = yaml.safe_load(f)
    listed = sorted(m['Config'] for m in index['Models'])
    on_disk = sorted(
        osp.relpath(p, ROOT)
        for p in glob.glob(osp.join(ROOT, 'configs', 'fau', '*.py')))
    assert listed == on_disk
    # the synthetic fold-1 results are the README's ablation table, read
    # by its header
    with open(osp.join(ROOT, 'README.md')) as f:
        table = [[cell.strip() for cell in line.strip().strip('|').split('|')]
                 for line in f if line.startswith('| ')]
    header = table[0]
    assert header[:1] == ['variant'] and 'F1' in header
    readme = {row[0]: float(row[header.index('F1')].split('±')[0])
              for row in table[1:] if len(row) == len(header)}
    assert len(readme) == 7
    for model in index['Models']:
        variant = model['Metadata']['Variant']
        if model['Name'] == f'{variant}_synthetic_f1':
            metrics = model['Results'][0]['Metrics']
            assert metrics['F1'] == readme[variant], model['Name']
