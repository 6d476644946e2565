"""Building a trained AU model for inference."""
from typing import Optional, Union

import torch
from mmengine.config import Config

from mmfau.faces import GEOMETRY_KEY, FaceGeometry
from mmfau.facs import au_name
from mmfau.registry import MODELS
from mmfau.utils import load_config, read_checkpoint, state_dict_mismatch

from .setup_env import register_all_modules


def init_model(config: Union[str, Config],
               checkpoint: Optional[str] = None,
               device: str = 'cpu',
               cfg_options: Optional[dict] = None) -> torch.nn.Module:
    """Build a recognizer from its config and load a checkpoint.

    The checkpoint is read with ``torch.load(weights_only=True)``: weights
    from elsewhere never run code. Its parameters must match the config
    exactly, and it must carry the face geometry of its training data (as
    every checkpoint ``tools/train.py`` writes does): without it real faces
    would be framed unlike the training faces.

    Args:
        config (str | Config): Config file or object.
        checkpoint (str, optional): Checkpoint file; random weights if None.
        device (str): 'cpu', 'cuda', 'cuda:1', ...
        cfg_options (dict, optional): Overrides of config entries.

    Returns:
        nn.Module: The model in eval mode, with ``cfg``, ``dataset_meta``
        (``aus``, ``au_names``, and what the checkpoint's training data
        stored) and ``face_geometry`` (how the training faces were aligned,
        from the checkpoint; the default :class:`FaceGeometry` without one)
        set.
    """
    register_all_modules()
    cfg = load_config(config, cfg_options)
    model_cfg = cfg.model.copy()
    model_cfg.backbone = dict(model_cfg.backbone, init_cfg=None)
    model = MODELS.build(model_cfg)
    aus = list(model.head.aus)
    meta = dict(aus=aus, au_names=[au_name(au) for au in aus])
    if checkpoint is not None:
        loaded = read_checkpoint(checkpoint)
        state = loaded['state_dict']
        mismatch = state_dict_mismatch(model.state_dict(), state)
        if mismatch:
            raise ValueError(
                f'Checkpoint {checkpoint} does not match the model of '
                f'{getattr(cfg, "filename", "the config")}: {mismatch}.')
        model.load_state_dict(state, strict=True)
        stored = (loaded.get('meta') or {}).get('dataset_meta') or {}
        if GEOMETRY_KEY not in stored:
            raise ValueError(
                f'Checkpoint {checkpoint} lacks the face geometry of its '
                'training data (meta.dataset_meta.face_geometry): saved '
                'without the meta tools/train.py writes.')
        meta.update(stored)
        if list(meta['aus']) != aus:
            raise ValueError(
                f'Checkpoint {checkpoint} was trained on AUs {meta["aus"]}, '
                f'the config predicts {aus}.')
    set_inference_meta(model, cfg, meta, f'Checkpoint {checkpoint}')
    return model.to(device).eval()


def set_inference_meta(model: torch.nn.Module, cfg: Config, meta: dict,
                       source: str = 'the model') -> torch.nn.Module:
    """Attach what inference needs to a model: its config, its dataset meta
    and the face geometry of its training data.

    Args:
        model (nn.Module): A built recognizer.
        cfg (Config): Its config.
        meta (dict): Dataset meta (``aus``, ``au_names`` and what the
            training data stored, e.g. ``face_geometry``).
        source (str): Where the meta came from, for error messages.

    Returns:
        nn.Module: The model, with ``cfg``, ``dataset_meta`` and
        ``face_geometry`` set (the default :class:`FaceGeometry` when the
        meta has none).
    """
    model.cfg = cfg
    model.dataset_meta = meta
    model.face_geometry = FaceGeometry.from_meta(meta, source) or \
        FaceGeometry()
    return model
