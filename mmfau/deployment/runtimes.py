"""Ways to run a recognizer on aligned faces: PyTorch in float32 or
bfloat16, ONNX Runtime in float32 or int8. Each maps faces and region boxes
to AU probabilities; the model's head still decides presence."""
from typing import Optional

import numpy as np
import torch

from .graph import AUProbabilityGraph
from .onnx import INPUT_NAMES

#: Runtime name -> what it is, for help texts and tables.
RUNTIMES = {
    'pytorch': 'PyTorch eager, float32 (the reference)',
    'pytorch-bf16': 'PyTorch eager, bfloat16 autocast (CPU with AVX-512 '
    'BF16 or AMX, or a GPU)',
    'onnx': 'ONNX Runtime, float32 (the same values as PyTorch)',
    'onnx-int8': 'ONNX Runtime, int8 (static quantization, calibrated)',
}


class TorchRuntime:
    """The recognizer in PyTorch, float32 or under bfloat16 autocast.

    Args:
        model (nn.Module): The recognizer.
        bf16 (bool): Run under ``torch.autocast(dtype=torch.bfloat16)``.
    """

    def __init__(self, model: torch.nn.Module, bf16: bool = False) -> None:
        self.graph = AUProbabilityGraph(model).eval()
        self.device = next(model.parameters()).device
        self.bf16 = bf16

    def __call__(self, images: np.ndarray, boxes: np.ndarray) -> np.ndarray:
        """Probabilities (N, K) of faces (N, 3, H, W) and boxes (N, R, 4)."""
        images = torch.from_numpy(images).to(self.device)
        boxes = torch.from_numpy(boxes).to(self.device)
        with torch.no_grad(), torch.autocast(
                self.device.type, dtype=torch.bfloat16, enabled=self.bf16):
            return self.graph(images, boxes).float().cpu().numpy()


class OnnxRuntime:
    """An exported graph (see :mod:`mmfau.deployment.onnx`) in ONNX Runtime
    on the CPU.

    Args:
        path (str): The .onnx file.
        threads (int, optional): Intra-op threads; ONNX Runtime's choice
            (all cores) when None.
        spin_wait (bool): Idle worker threads spin instead of sleeping
            between operators: the network alone runs faster (on the
            2-core test machine about 20% at batch 1 and 8), but the
            spinning takes the cores from other work. Off by default, as
            :class:`~mmfau.apis.FaceAUInferencer` finds and aligns the next
            faces while the network runs (with spinning, a real video went
            through it 10-15% slower there).
    """

    def __init__(self,
                 path: str,
                 threads: Optional[int] = None,
                 spin_wait: bool = False) -> None:
        import onnxruntime as ort
        options = ort.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
        options.add_session_config_entry('session.intra_op.allow_spinning',
                                         '1' if spin_wait else '0')
        self.path = path
        self.session = ort.InferenceSession(
            path, options, providers=['CPUExecutionProvider'])

    def __call__(self, images: np.ndarray, boxes: np.ndarray) -> np.ndarray:
        """Probabilities (N, K) of faces (N, 3, H, W) and boxes (N, R, 4)."""
        feeds = dict(zip(INPUT_NAMES, (np.ascontiguousarray(images,
                                                            np.float32),
                                       np.ascontiguousarray(boxes,
                                                            np.float32))))
        return self.session.run(None, feeds)[0]


def build_runtime(name: str,
                  model: torch.nn.Module,
                  onnx_file: Optional[str] = None,
                  input_size: Optional[tuple] = None):
    """The runtime a demo's ``--runtime`` names.

    Args:
        name (str): A key of :data:`RUNTIMES`.
        model (nn.Module): The recognizer.
        onnx_file (str, optional): The graph, for the ONNX runtimes; for
            ``'onnx'`` it is exported there when missing (``input_size``
            needed), an int8 graph comes from
            ``tools/deployment/pytorch2onnx.py --int8``.
        input_size (tuple, optional): (height, width) of the model's input.

    Returns:
        callable | None: None for ``'pytorch'`` (the model's own forward).
    """
    import os.path as osp

    from .onnx import export_onnx
    if name not in RUNTIMES:
        raise ValueError(f'Unknown runtime {name!r}; use one of '
                         f'{sorted(RUNTIMES)}.')
    if name == 'pytorch':
        return None
    if name == 'pytorch-bf16':
        return TorchRuntime(model, bf16=True)
    if not onnx_file:
        raise ValueError(f'--runtime {name} needs --onnx FILE.')
    if not osp.isfile(onnx_file):
        if name == 'onnx-int8':
            raise FileNotFoundError(
                f'{onnx_file}: no int8 graph; make it with python '
                'tools/deployment/pytorch2onnx.py CONFIG CHECKPOINT --int8 '
                f'--out {onnx_file}')
        export_onnx(model, onnx_file, input_size)
    return OnnxRuntime(onnx_file)
