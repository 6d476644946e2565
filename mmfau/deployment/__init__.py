from .face_batches import (
    batch_arrays,
    example_face,
    inference_pipeline,
    sample_faces,
)
from .graph import INPUT_NAMES, OUTPUT_NAMES, AUInferenceGraph
from .onnx import export_onnx, quantize_int8
from .runtimes import (
    RUNTIMES,
    TOLERANCES,
    AUEstimates,
    OnnxRuntime,
    TorchRuntime,
    build_runtime,
)

__all__ = [
    'AUEstimates', 'AUInferenceGraph', 'INPUT_NAMES', 'OUTPUT_NAMES',
    'OnnxRuntime', 'RUNTIMES', 'TOLERANCES', 'TorchRuntime', 'batch_arrays',
    'build_runtime', 'example_face', 'export_onnx', 'inference_pipeline',
    'quantize_int8', 'sample_faces'
]
