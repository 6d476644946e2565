"""SafeCheckpointRunner writes safe checkpoints by itself: a config written
from scratch, with no hook or runner type named, cannot lose them."""
import os.path as osp

import pytest
import torch
from mmengine.config import Config

from mmfau.engine.runner import SafeCheckpointRunner, build_runner, train
from tests.test_tools.helpers import ROOT, TINY

#: These tests run the tools or a Runner: deselect with -m "not slow".
pytestmark = pytest.mark.slow


def test_a_config_from_scratch_gets_safe_checkpoints(tmp_path):
    base = Config.fromfile(
        osp.join(ROOT, 'configs', 'fau', 'full_synthetic.py'))
    base.merge_from_dict(TINY)
    cfg = Config(
        dict(
            model=base.model,
            train_dataloader=base.train_dataloader,
            train_cfg=dict(by_epoch=True, max_epochs=1),
            optim_wrapper=dict(optimizer=dict(type='Adam', lr=1e-3)),
            default_scope='mmfau',
            work_dir=str(tmp_path)))
    assert 'runner_type' not in cfg and 'custom_hooks' not in cfg
    runner = build_runner(cfg)
    assert isinstance(runner, SafeCheckpointRunner)
    runner.train()
    checkpoint = torch.load(tmp_path / 'epoch_1.pth', weights_only=True)
    assert {'python', 'numpy', 'torch'} <= set(checkpoint['rng_state'])
    assert not list(tmp_path.glob('*.part'))


def test_resume_finds_the_newest_checkpoint_without_a_pointer(tmp_path):
    from mmfau.engine.runner.safe_checkpoint_runner import latest_checkpoint
    assert latest_checkpoint(str(tmp_path)) is None
    for name in ('iter_2.pth', 'iter_10.pth', 'best_F1_mean_iter_2.pth',
                 'iter_12.pth.part'):
        (tmp_path / name).write_bytes(b'')
    # a kill after the rename, before the pointer was rewritten
    (tmp_path / 'last_checkpoint').write_text('')
    assert latest_checkpoint(str(tmp_path)) == str(tmp_path / 'iter_10.pth')
    (tmp_path / 'last_checkpoint').write_text(str(tmp_path / 'iter_2.pth'))
    assert latest_checkpoint(str(tmp_path)) == str(tmp_path / 'iter_2.pth')


def test_compile_option_compiles_forward_and_losses_as_one_graph(tmp_path):
    base = Config.fromfile(
        osp.join(ROOT, 'configs', 'fau', 'full_synthetic_f1.py'))
    base.merge_from_dict(TINY)
    base.work_dir = str(tmp_path)
    # what tools/train.py --compile adds, with the quickest backend
    base.custom_hooks = [dict(type='CompileHook', backend='eager')]
    runner = build_runner(base)
    model = runner.model
    eager_loss = model._loss
    compile_hook, = [h for h in runner.hooks if type(h).__name__ ==
                     'CompileHook']
    compile_hook.before_train(runner)
    assert model._loss is not eager_loss  # compiled, fullgraph
    batch = next(iter(runner.build_dataloader(base.train_dataloader)))
    torch._dynamo.reset()
    with torch._dynamo.config.patch(error_on_recompile=True):
        losses = model(**model.data_preprocessor(batch, True), mode='loss')
    assert set(losses) == {'loss_au', 'loss_region', 'loss_decoder'}


def test_initial_weights_out_of_reach_stop_with_what_to_do(
        tmp_path, monkeypatch):
    from urllib.error import URLError

    import mmengine.runner.checkpoint as checkpoint_io

    def offline(*args, **kwargs):
        raise URLError('no network in this test')

    monkeypatch.setattr(checkpoint_io, 'load_url', offline)
    base = Config.fromfile(
        osp.join(ROOT, 'configs', 'fau', 'full_synthetic_f1.py'))
    base.merge_from_dict(TINY)
    base.work_dir = str(tmp_path)
    url = 'https://download.example/resnet.pth'
    base.model.backbone.init_cfg = dict(
        type='Pretrained', checkpoint=url, prefix='backbone')
    with pytest.raises(ConnectionError) as err:
        train(build_runner(base))
    message = str(err.value)
    assert url in message and 'no network in this test' in message
    assert 'model.backbone.init_cfg=None' in message


def test_a_data_root_that_is_a_file_is_named_before_anything_runs(
        tmp_path):
    from mmfau.engine.runner import check_runnable
    cfg = Config.fromfile(osp.join(ROOT, 'configs', 'fau', 'full_bp4d_f1.py'))
    root = tmp_path / 'bp4d'
    root.write_text('not a folder')
    cfg.merge_from_dict({'train_dataloader.dataset.data_root': str(root)})
    with pytest.raises(NotADirectoryError, match=f'^{root} \\(train_'
                       'dataloader.dataset.data_root\\): is a file, not the '
                       'folder a converter writes'):
        check_runnable(cfg)
