"""The ONNX and bfloat16 runtimes against the PyTorch model."""
import numpy as np
import pytest
import torch
from mmengine.config import Config
from mmengine.dataset import pseudo_collate

from mmfau.deployment import (
    AUProbabilityGraph,
    OnnxRuntime,
    TorchRuntime,
    export_onnx,
    quantize_int8,
)
from mmfau.registry import DATASETS, MODELS
from tests.test_tools.helpers import ROOT


@pytest.fixture(scope='module')
def model_and_faces():
    cfg = Config.fromfile(f'{ROOT}/configs/fau/full_synthetic.py')
    torch.manual_seed(0)
    model = MODELS.build(cfg.model).eval()
    dataset = DATASETS.build(
        dict(cfg.test_dataloader.dataset, num_subjects=3,
             frames_per_subject=4))
    batch = pseudo_collate([dataset[i] for i in range(len(dataset))])
    images = torch.stack(batch['inputs']).float().numpy()
    boxes = torch.stack([s.region_boxes
                         for s in batch['data_samples']]).numpy()
    with torch.no_grad():
        reference = torch.stack([
            s.pred_score for s in model.test_step(batch)
        ]).numpy()
    return model, images, boxes, reference


def test_the_graph_is_the_models_prediction(model_and_faces):
    model, images, boxes, reference = model_and_faces
    with torch.no_grad():
        probabilities = AUProbabilityGraph(model)(
            torch.from_numpy(images), torch.from_numpy(boxes))
        portable = AUProbabilityGraph(model, portable=True)(
            torch.from_numpy(images), torch.from_numpy(boxes))
    np.testing.assert_allclose(probabilities.numpy(), reference, atol=1e-6)
    np.testing.assert_allclose(portable.numpy(), reference, atol=1e-5)


def test_onnx_equals_pytorch_for_any_batch(tmp_path, model_and_faces):
    model, images, boxes, reference = model_and_faces
    path = export_onnx(model, str(tmp_path / 'model.onnx'), (112, 112))
    runtime = OnnxRuntime(path)
    np.testing.assert_allclose(runtime(images, boxes), reference, atol=1e-4)
    np.testing.assert_allclose(runtime(images[:1], boxes[:1]), reference[:1],
                               atol=1e-4)
    # spinning threads change the speed, never the values
    spinning = OnnxRuntime(path, spin_wait=True)
    np.testing.assert_array_equal(spinning(images, boxes),
                                  runtime(images, boxes))
    # int8 convolutions, calibrated on the same faces
    int8 = OnnxRuntime(quantize_int8(path, str(tmp_path / 'int8.onnx'),
                                     images, boxes))
    scores = int8(images, boxes)
    assert scores.shape == reference.shape
    assert np.abs(scores - reference).mean() < 0.05


def test_bfloat16_stays_close_to_float32(model_and_faces):
    model, images, boxes, reference = model_and_faces
    scores = TorchRuntime(model, bf16=True)(images, boxes)
    assert np.abs(scores - reference).max() < 0.1
