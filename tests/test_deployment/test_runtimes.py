"""Every runtime gives the model's outputs, intensity included, within the
tolerances mmfau.deployment states."""
import numpy as np
import pytest
import torch
from mmengine.config import Config
from mmengine.dataset import pseudo_collate

from mmfau.apis import set_inference_meta
from mmfau.deployment import (
    TOLERANCES,
    AUInferenceGraph,
    OnnxRuntime,
    TorchRuntime,
    batch_arrays,
    build_runtime,
    export_onnx,
    quantize_int8,
)
from mmfau.registry import DATASETS, MODELS
from tests.test_tools.helpers import ROOT


def _model(config='full_synthetic.py'):
    cfg = Config.fromfile(f'{ROOT}/configs/fau/{config}')
    torch.manual_seed(0)
    model = MODELS.build(cfg.model).eval()
    dataset = DATASETS.build(
        dict(cfg.test_dataloader.dataset, num_subjects=3,
             frames_per_subject=4))
    return set_inference_meta(model, cfg, dataset.metainfo), dataset


@pytest.fixture(scope='module')
def model_and_faces():
    model, dataset = _model()
    batch = pseudo_collate([dataset[i] for i in range(len(dataset))])
    with torch.no_grad():
        samples = model.test_step(batch)
    reference = (np.stack([s.pred_score.numpy() for s in samples]),
                 np.stack([s.pred_intensity.numpy() for s in samples]))
    return model, batch_arrays(batch), reference


def _assert_close(estimates, reference, runtime):
    probabilities, intensity = TOLERANCES[runtime]
    assert estimates.intensity is not None, runtime
    np.testing.assert_allclose(estimates.probabilities, reference[0],
                               atol=max(probabilities, 1e-6), err_msg=runtime)
    np.testing.assert_allclose(estimates.intensity, reference[1],
                               atol=max(intensity, 1e-5), err_msg=runtime)


def test_the_graph_gives_the_models_prediction(model_and_faces):
    model, faces, reference = model_and_faces
    graph = AUInferenceGraph(model)
    assert graph.output_names == ('probabilities', 'intensity')
    _assert_close(TorchRuntime(model)(*faces), reference, 'pytorch')
    _assert_close(TorchRuntime(model, bf16=True)(*faces), reference,
                  'pytorch-bf16')
    # a head without intensity regressors: probabilities alone
    plain, _ = _model('full_synthetic_f1.py')
    assert AUInferenceGraph(plain).output_names == ('probabilities', )
    assert TorchRuntime(plain)(*faces).intensity is None


def test_onnx_gives_the_models_outputs_for_any_batch(tmp_path,
                                                     model_and_faces):
    model, (images, boxes), reference = model_and_faces
    path = export_onnx(model, str(tmp_path / 'model.onnx'))
    runtime = build_runtime('onnx', model, path)
    _assert_close(runtime(images, boxes), reference, 'onnx')
    one = runtime(images[:1], boxes[:1])
    np.testing.assert_allclose(one.intensity, reference[1][:1], atol=1e-3)
    # spinning threads change the speed, never the values
    spinning = OnnxRuntime(path, spin_wait=True)(images, boxes)
    np.testing.assert_array_equal(spinning.probabilities,
                                  runtime(images, boxes).probabilities)
    # int8 convolutions, calibrated on the same faces
    int8 = build_runtime('onnx-int8', model, quantize_int8(
        path, str(tmp_path / 'int8.onnx'), images, boxes))
    _assert_close(int8(images, boxes), reference, 'onnx-int8')


def test_a_graph_of_another_model_is_refused(tmp_path):
    plain, _ = _model('full_synthetic_f1.py')
    path = export_onnx(plain, str(tmp_path / 'plain.onnx'))
    model, _ = _model()
    with pytest.raises(ValueError, match='plain.onnx: the graph\'s outputs '
                       'are \\[\'probabilities\'\\].*export it again'):
        build_runtime('onnx', model, path)
