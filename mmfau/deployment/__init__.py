from .face_batches import batch_arrays, sample_faces
from .graph import AUProbabilityGraph
from .onnx import INPUT_NAMES, OUTPUT_NAME, export_onnx, quantize_int8
from .runtimes import (
    RUNTIMES,
    OnnxRuntime,
    TorchRuntime,
    build_runtime,
)

__all__ = [
    'batch_arrays', 'sample_faces',
    'AUProbabilityGraph', 'INPUT_NAMES', 'OUTPUT_NAME', 'RUNTIMES',
    'OnnxRuntime', 'TorchRuntime', 'build_runtime',
    'export_onnx',
    'quantize_int8'
]
