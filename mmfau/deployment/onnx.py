"""Exporting a recognizer to ONNX and quantizing it to int8."""
import os
from typing import Optional, Tuple

import numpy as np
import torch

from mmfau.facs import NUM_REGIONS

from .graph import AUProbabilityGraph

#: The graph's input and output names.
INPUT_NAMES = ('images', 'boxes')
OUTPUT_NAME = 'probabilities'


def export_onnx(model: torch.nn.Module,
                path: str,
                input_size: Tuple[int, int],
                opset: int = 17) -> str:
    """Write the recognizer as an ONNX graph: BGR faces (N, 3, H, W) float
    0-255 and region boxes (N, R, 4) in, AU probabilities (N, K) out, the
    batch size free.

    Args:
        model (nn.Module): A built recognizer (e.g. from ``init_model``).
        path (str): The .onnx file to write.
        input_size (tuple[int, int]): (height, width) of the model's input.
        opset (int): ONNX opset.

    Returns:
        str: ``path``.
    """
    graph = AUProbabilityGraph(model, portable=True).eval().cpu()
    height, width = input_size
    images = torch.zeros(1, 3, height, width)
    num_regions = getattr(model.head, 'au_regions',
                          torch.zeros(0, NUM_REGIONS)).shape[1]
    boxes = torch.tensor([[[0.0, 0.0, width / 2, height / 2]]]).repeat(
        1, num_regions, 1)
    dynamic = {name: {0: 'batch'} for name in (*INPUT_NAMES, OUTPUT_NAME)}
    # traced with gradients on: PyTorch's fused inference kernel of the
    # transformer layers (used under no_grad) has no ONNX form
    torch.onnx.export(
        graph, (images, boxes),
        path,
        input_names=list(INPUT_NAMES),
        output_names=[OUTPUT_NAME],
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
