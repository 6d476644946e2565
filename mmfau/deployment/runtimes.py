"""Ways to run a recognizer on aligned faces: PyTorch in float32 or
bfloat16, ONNX Runtime in float32 or int8. Each maps faces and region boxes
to the model's outputs (:class:`AUEstimates`); the model's head still
decides presence."""
import os.path as osp
from typing import NamedTuple, Optional

import numpy as np
import torch

from mmfau.utils import replace_with

from .graph import INPUT_NAMES, OUTPUT_NAMES, AUInferenceGraph
from .onnx import export_onnx

#: Runtime name -> what it is, for help texts and tables.
RUNTIMES = {
    'pytorch': 'PyTorch eager, float32 (the reference)',
    'pytorch-bf16': 'PyTorch eager, bfloat16 autocast (GPUs, and CPUs with '
    'native bfloat16: AVX-512 BF16 or AMX; elsewhere many times slower)',
    'onnx': 'ONNX Runtime, float32 (the same values as PyTorch)',
    'onnx-int8': 'ONNX Runtime, int8 (static quantization, calibrated)',
}

#: How far each runtime's outputs may lie from PyTorch float32's (the
#: largest absolute difference, measured on faces): probabilities, and
#: intensity on the 0-5 scale. The tests hold every runtime to these.
TOLERANCES = {
    'pytorch': (0.0, 0.0),
    'pytorch-bf16': (0.1, 0.5),
    'onnx': (1e-4, 1e-3),
    'onnx-int8': (0.3, 1.0),
}


class AUEstimates(NamedTuple):
    """What a runtime returns for N faces and the model's K AUs.

    Attributes:
        probabilities (np.ndarray): (N, K) float32.
        intensity (np.ndarray, optional): (N, K) float32 FACS intensity
            0-5, when the model estimates it.
    """
    probabilities: np.ndarray
    intensity: Optional[np.ndarray] = None


class TorchRuntime:
    """The recognizer in PyTorch, float32 or under bfloat16 autocast.

    Args:
        model (nn.Module): The recognizer.
        bf16 (bool): Run under ``torch.autocast(dtype=torch.bfloat16)``.
    """

    def __init__(self, model: torch.nn.Module, bf16: bool = False) -> None:
        self.graph = AUInferenceGraph(model).eval()
        self.device = next(model.parameters()).device
        self.bf16 = bf16

    def __call__(self, images: np.ndarray, boxes: np.ndarray) -> AUEstimates:
        """The outputs of faces (N, 3, H, W) and boxes (N, R, 4)."""
        images = torch.from_numpy(images).to(self.device)
        boxes = torch.from_numpy(boxes).to(self.device)
        with torch.no_grad(), torch.autocast(
                self.device.type, dtype=torch.bfloat16, enabled=self.bf16):
            outputs = self.graph(images, boxes)
        return AUEstimates(*(t.float().cpu().numpy() for t in outputs))


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
        self.output_names = [o.name for o in self.session.get_outputs()]
        if self.output_names[:1] != list(OUTPUT_NAMES[:1]):
            raise ValueError(f'{path}: not a graph of mmfau\'s export (its '
                             f'outputs are {self.output_names}).')

    def __call__(self, images: np.ndarray, boxes: np.ndarray) -> AUEstimates:
        """The outputs of faces (N, 3, H, W) and boxes (N, R, 4)."""
        feeds = dict(zip(INPUT_NAMES, (
            np.ascontiguousarray(images, np.float32),
            np.ascontiguousarray(boxes, np.float32))))
        return AUEstimates(*self.session.run(None, feeds))


def build_runtime(name: str,
                  model: torch.nn.Module,
                  onnx_file: Optional[str] = None,
                  threads: Optional[int] = None):
    """The runtime a demo's ``--runtime`` names.

    Args:
        name (str): A key of :data:`RUNTIMES`.
        model (nn.Module): The recognizer, from ``init_model``.
        onnx_file (str, optional): The graph, for the ONNX runtimes; for
            ``'onnx'`` it is exported there when missing (written whole or
            not at all), an int8 graph comes from
            ``tools/deployment/pytorch2onnx.py --int8``. Refused unless its
            outputs are the model's.
        threads (int, optional): ONNX Runtime's threads (all cores when
            None; PyTorch's follow ``torch.set_num_threads``).

    Returns:
        TorchRuntime | OnnxRuntime: Faces and boxes in,
        :class:`AUEstimates` out.
    """
    if name not in RUNTIMES:
        raise ValueError(f'Unknown runtime {name!r}; use one of '
                         f'{sorted(RUNTIMES)}.')
    if name.startswith('pytorch'):
        return TorchRuntime(model, bf16=name == 'pytorch-bf16')
    if not onnx_file:
        raise ValueError(f'--runtime {name} needs --onnx FILE.')
    if not osp.isfile(onnx_file):
        if name == 'onnx-int8':
            raise FileNotFoundError(
                f'{onnx_file}: no int8 graph; make it with python '
                'tools/deployment/pytorch2onnx.py CONFIG CHECKPOINT --int8 '
                f'--out {onnx_file}')
        replace_with(onnx_file, lambda partial: export_onnx(model, partial))
    runtime = OnnxRuntime(onnx_file, threads)
    expected = AUInferenceGraph(model).output_names
    if tuple(runtime.output_names) != expected:
        raise ValueError(
            f'{onnx_file}: the graph\'s outputs are {runtime.output_names}, '
            f'the model\'s {list(expected)}: it was exported from another '
            'model (or before intensity was exported); export it again with '
            'tools/deployment/pytorch2onnx.py.')
    return runtime
