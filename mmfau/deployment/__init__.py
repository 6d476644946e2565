from .face_batches import (
    batch_arrays,
    example_face,
    inference_pipeline,
    sample_faces,
)
from .graph import INPUT_NAMES, OUTPUT_NAMES, AUInferenceGraph
from .onnx import export_onnx, quantize_int8
from .runtime_choice import (
    choose_runtime,
    cpu_flags,
    graph_file,
    resolve_runtime,
)
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
    'build_runtime', 'choose_runtime', 'cpu_flags', 'example_face',
    'export_onnx', 'graph_file', 'inference_pipeline', 'quantize_int8',
    'resolve_runtime', 'sample_faces'
]
