"""tools/analysis_tools/benchmark.py measures and reports (no speed or
operation budgets: it runs on whatever machine and PyTorch build the tests
run on; the budgets are read from its JSON)."""
import json

import pytest

from .helpers import run_python, tiny_options

#: These tests run the tools or a Runner: deselect with -m "not slow".
pytestmark = pytest.mark.slow


def test_benchmark_reports_every_measurement(tmp_path):
    out_file = tmp_path / 'bench.json'
    run_python('tools/analysis_tools/benchmark.py',
               'configs/fau/full_synthetic.py', '--batch-size', 4, '--iters',
               2, '--warmup', 1, '--loader-batches', 3, '--out', out_file,
               '--video-frames', 6,
               *tiny_options(**{'train_dataloader.batch_size': 4}))
    result = json.loads(out_file.read_text())
    assert result['batch_size'] == 4 and result['input_size'] == [112, 112]
    assert result['precision'] == 'float32'
    assert result['neck_backend'] == 'separable'
    speeds = [
        result['train_images_per_s']['full'],
        result['train_images_per_s']['backbone_only'],
        result['inference_images_per_s'], result['loader_images_per_s'],
        *result['jpeg_decode_images_per_s'].values()
    ]
    assert all(s > 0 for s in speeds)
    assert result['train_step_ratio_full_over_backbone'] > 0
    assert set(result['jpeg_decode_images_per_s']) == {
        'opencv', 'pil', 'torchvision'
    }
    video = result['video_inference_frames_per_s']
    assert video['file (landmarks given)']['frames_per_s'] > 0
    assert video['file (landmarks given)']['faces_per_frame'] == 1
    assert video['dlib, detect every 10th frame']['frames_per_s'] > 0
    # FAN needs its weights from the network: a number or the reason why not
    assert isinstance(video['fan, detect every 10th frame'], (dict, str))
    assert result['converter_frames_per_s']['bp4d, dlib, 1 process'] > 0
    assert result['loader_workers'] == 0  # as the options ask
    assert result['loader_images_per_s_per_worker'] > 0
    ops = result['operations_per_training_step']
    assert ops['added_by_head'] == ops['whole_model'] - ops[
        'backbone_and_neck'] > 0
    assert 0 < ops['without_views']['whole_model'] < ops['whole_model']
