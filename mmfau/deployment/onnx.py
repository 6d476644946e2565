"""Exporting a recognizer to ONNX and quantizing it to int8."""
import os
from typing import Optional

import numpy as np
import torch

from .face_batches import example_face
from .graph import INPUT_NAMES, AUInferenceGraph


def export_onnx(model: torch.nn.Module, path: str, opset: int = 17) -> str:
    """Write the recognizer as an ONNX graph: BGR faces (N, 3, H, W) float
    0-255 and region boxes (N, R, 4) in; AU probabilities (N, K) out, and
    AU intensities (N, K) when the head estimates them (the outputs of
    :class:`AUInferenceGraph`); the batch size free.

    Args:
        model (nn.Module): A recognizer from ``init_model`` (traced on
            :func:`example_face`).
        path (str): The .onnx file to write.
        opset (int): ONNX opset.

    Returns:
        str: ``path``.
    """
    graph = AUInferenceGraph(model).eval().cpu()
    images, boxes = (torch.from_numpy(a) for a in example_face(model))
    outputs = graph.output_names
    dynamic = {name: {0: 'batch'} for name in (*INPUT_NAMES, *outputs)}
    # traced with gradients on: PyTorch's fused inference kernel of the
    # transformer layers (used under no_grad) has no ONNX form
    torch.onnx.export(
        graph, (images, boxes),
        path,
        input_names=list(INPUT_NAMES),
        output_names=list(outputs),
        dynamic_axes=dynamic,
        opset_version=opset,
        dynamo=False)
    return path


class _Batches:
    """Calibration faces in the form onnxruntime's quantizer reads, 16 at
    a time."""

    def __init__(self, images: np.ndarray, boxes: np.ndarray) -> None:
        self._starts = iter(range(0, len(images), 16))
        self._images, self._boxes = images, boxes

    def get_next(self) -> Optional[dict]:
        start = next(self._starts, None)
        if start is None:
            return None
        return dict(zip(INPUT_NAMES, (
            np.asarray(a[start:start + 16], np.float32)
            for a in (self._images, self._boxes))))


def quantize_int8(onnx_path: str, out_path: str, images: np.ndarray,
                  boxes: np.ndarray) -> str:
    """Quantize the convolutions of an exported graph (the backbone, most
    of the cost) to int8: static, QDQ, per-channel weights, activation
    ranges from calibration faces. The head (transformers, layer norms,
    softmax, the per-AU classifiers) stays in float32: quantized too, it
    changed about one presence decision in seven on the synthetic test
    faces.

    Args:
        onnx_path (str): The float graph from :func:`export_onnx`.
        out_path (str): The int8 graph to write.
        images (np.ndarray): Calibration faces as the graph takes them
            (a few hundred like those it will see, e.g. from
            :func:`mmfau.deployment.sample_faces`).
        boxes (np.ndarray): Their region boxes.

    Returns:
        str: ``out_path``.
    """
    from onnxruntime.quantization import (
        CalibrationMethod,
        QuantFormat,
        QuantType,
        quant_pre_process,
        quantize_static,
    )
    prepared = f'{out_path}.prep.onnx'
    quant_pre_process(onnx_path, prepared, skip_symbolic_shape=True)
    quantize_static(
        prepared,
        out_path,
        _Batches(images, boxes),
        quant_format=QuantFormat.QDQ,
        per_channel=True,
        op_types_to_quantize=['Conv'],
        activation_type=QuantType.QUInt8,
        weight_type=QuantType.QInt8,
        calibrate_method=CalibrationMethod.MinMax)
    os.remove(prepared)
    return out_path
