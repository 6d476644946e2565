"""Choosing the fastest runtime for the machine a run is on
(``--runtime auto``).

Measured with the paper's model at batch 1 (``cpu_inference.py``), against
PyTorch float32: on a 2-core AMD EPYC with AVX2 only (no native bfloat16,
no VNNI) ONNX Runtime ran 2.46x faster, int8 2.31x and bfloat16 0.06x (18
times slower, emulated); on an AVX-512 machine with VNNI and bfloat16,
int8 ran 3.17x and bfloat16 1.97x. On a CPU, int8 is chosen where the CPU
multiplies int8 natively (VNNI or AMX) and calibration faces exist, else
ONNX float32; bfloat16 only on a GPU that supports it. Where the CPU's
features cannot be read, a short timing on faces picks among PyTorch
float32 and bfloat16 and ONNX float32 (int8 must be quantized first, so
only the flags choose it).
"""
import hashlib
import os
import os.path as osp
from typing import Optional, Set, Tuple

import numpy as np
import torch

from mmfau.utils import median_seconds, replace_with

from .face_batches import example_face, sample_faces
from .onnx import export_onnx, quantize_int8
from .runtimes import build_runtime

#: CPU flags (``/proc/cpuinfo``) of native int8 dot products.
INT8_FLAGS = {'avx512_vnni', 'avx_vnni', 'amx_int8'}


def cpu_flags() -> Optional[Set[str]]:
    """The CPU's feature flags, or None where they cannot be read (not
    Linux)."""
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('flags'):
                    return set(line.split(':', 1)[1].split())
    except OSError:
        pass
    return None


def _graph_name(checkpoint: Optional[str], folder: str, int8: bool) -> str:
    """Where the exported graph of a checkpoint is kept: named by the
    checkpoint's path, size and time, so a changed checkpoint gets a new
    one."""
    tag = 'random'
    if checkpoint:
        stat = os.stat(checkpoint)
        key = f'{osp.abspath(checkpoint)}:{stat.st_size}:{stat.st_mtime_ns}'
        tag = hashlib.sha1(key.encode()).hexdigest()[:12]
    return osp.join(folder, f'model-{tag}{".int8" if int8 else ""}.onnx')


def choose_runtime(model: torch.nn.Module,
                   folder: str,
                   checkpoint: Optional[str] = None,
                   flags: Optional[Set[str]] = None
                   ) -> Tuple[str, Optional[str], str]:
    """The fastest runtime for this machine, and why; its graph exported
    (and quantized) when it needs one, for
    :func:`~mmfau.deployment.build_runtime`.

    Args:
        model (nn.Module): From :func:`mmfau.apis.init_model` (its device
            decides: a GPU runs PyTorch).
        folder (str): Where exported ONNX graphs are kept (made when
            missing); reused while the checkpoint stays the same.
        checkpoint (str, optional): The checkpoint file, which names the
            graphs.
        flags (set[str], optional): The CPU's flags; read from the system
            when None (a timing decides where they cannot be read).

    Returns:
        tuple: The runtime's name (a key of
        :data:`~mmfau.deployment.RUNTIMES`), its ONNX graph (None for
        PyTorch), and the reason in words.
    """
    device = next(model.parameters()).device
    if device.type == 'cuda':
        if torch.cuda.is_bf16_supported():
            return ('pytorch-bf16', None,
                    f'{torch.cuda.get_device_name(device)} supports '
                    'bfloat16')
        return ('pytorch', None,
                f'{torch.cuda.get_device_name(device)} lacks bfloat16')
    flags = cpu_flags() if flags is None else flags
    if flags is None:
        return _fastest_by_timing(model, folder, checkpoint)
    native = sorted(INT8_FLAGS & flags)
    if native:
        try:
            return ('onnx-int8', graph_file(model, 'onnx-int8', folder,
                                            checkpoint),
                    f'the CPU multiplies int8 natively ({", ".join(native)})')
        except (OSError, ValueError, KeyError) as err:
            reason = f'int8 calibration faces unavailable ({err})'
    else:
        reason = 'the CPU has no native int8 (VNNI, AMX)'
    return ('onnx', graph_file(model, 'onnx', folder, checkpoint),
            f'{reason}; ONNX Runtime float32 (the same values as PyTorch)')


def graph_file(model: torch.nn.Module, runtime: str, folder: str,
               checkpoint: Optional[str] = None) -> str:
    """The ONNX graph an ONNX runtime needs, kept in ``folder`` while the
    checkpoint stays the same: exported (``'onnx'``), or also quantized
    with 128 faces of the model's training set (``'onnx-int8'``), each file
    written whole or not at all.

    Args:
        model (nn.Module): From :func:`mmfau.apis.init_model`.
        runtime (str): ``'onnx'`` or ``'onnx-int8'``.
        folder (str): Where the graphs are kept (made when missing).
        checkpoint (str, optional): The checkpoint file, which names them.

    Returns:
        str: The graph's path.
    """
    os.makedirs(folder, exist_ok=True)
    onnx = _graph_name(checkpoint, folder, int8=False)
    if not osp.isfile(onnx):
        replace_with(onnx, lambda partial: export_onnx(model, partial))
    if runtime == 'onnx':
        return onnx
    int8 = _graph_name(checkpoint, folder, int8=True)
    if not osp.isfile(int8):
        faces = sample_faces(model, 'train', 128)
        replace_with(int8,
                     lambda partial: quantize_int8(onnx, partial, *faces))
    return int8


def resolve_runtime(model: torch.nn.Module,
                    name: str,
                    folder: str,
                    checkpoint: Optional[str] = None,
                    onnx_file: Optional[str] = None
                    ) -> Tuple[str, Optional[str], str]:
    """The runtime a ``--runtime`` option names, made ready to build:
    ``'auto'`` resolved by :func:`choose_runtime`, an ONNX runtime without
    ``onnx_file`` given its graph from :func:`graph_file`.

    Args:
        model (nn.Module): From :func:`mmfau.apis.init_model`.
        name (str): ``'auto'`` or a key of
            :data:`~mmfau.deployment.RUNTIMES`.
        folder (str): Where exported graphs are kept.
        checkpoint (str, optional): The checkpoint file, which names them.
        onnx_file (str, optional): The user's graph for an ONNX runtime.

    Returns:
        tuple: The runtime's name, its ONNX graph (None for PyTorch) and
        the reason it was chosen.
    """
    if name == 'auto':
        return choose_runtime(model, folder, checkpoint)
    if name.startswith('pytorch') or onnx_file:
        return name, onnx_file, 'as asked'
    return name, graph_file(model, name, folder, checkpoint), 'as asked'


def _fastest_by_timing(model: torch.nn.Module, folder: str,
                       checkpoint: Optional[str]
                       ) -> Tuple[str, Optional[str], str]:
    """PyTorch float32 and bfloat16 and ONNX float32, each timed on a
    batch of 8 faces (median of 3, after one warm-up)."""
    onnx = graph_file(model, 'onnx', folder, checkpoint)
    images, boxes = example_face(model)
    images, boxes = (np.repeat(a, 8, axis=0) for a in (images, boxes))
    names = ('pytorch', 'pytorch-bf16', 'onnx')
    runtimes = [build_runtime(name, model, onnx if name == 'onnx' else None)
                for name in names]
    seconds = median_seconds([lambda r=r: r(images, boxes)
                              for r in runtimes], iters=3, warmup=1)
    name = names[int(np.argmin(seconds))]
    times = ', '.join(f'{n} {1000 * t / 8:.1f} ms'
                      for n, t in zip(names, seconds))
    return (name, onnx if name == 'onnx' else None,
            f'the CPU\'s features cannot be read; the fastest per face of '
            f'{times}')
