"""Building a trained AU model for inference."""
from typing import Optional, Union

import torch
from mmengine.config import Config
from mmengine.runner import load_checkpoint

from mmfau.registry import MODELS
from mmfau.utils import load_config


def init_model(config: Union[str, Config],
               checkpoint: Optional[str] = None,
               device: str = 'cpu',
               cfg_options: Optional[dict] = None) -> torch.nn.Module:
    """Build a recognizer from its config and load a checkpoint.

    The checkpoint is read with ``torch.load(weights_only=True)``: weights
    from elsewhere never run code. Its parameters must match the config
    exactly.

    Args:
        config (str | Config): Config file or object.
        checkpoint (str, optional): Checkpoint file; random weights if None.
        device (str): 'cpu', 'cuda', 'cuda:1', ...
        cfg_options (dict, optional): Overrides of config entries.

    Returns:
        nn.Module: The model in eval mode, with ``cfg`` and ``dataset_meta``
        (``aus``, ``au_names``) set.
    """
    cfg = load_config(config, cfg_options)
    model_cfg = cfg.model.copy()
    model_cfg.backbone = dict(model_cfg.backbone, init_cfg=None)
    model = MODELS.build(model_cfg)
    aus = list(cfg.model.head.aus)
    meta = dict(aus=aus, au_names=[f'AU{au}' for au in aus])
    if checkpoint is not None:
        try:
            loaded = load_checkpoint(
                model, checkpoint, map_location='cpu', strict=True)
        except FileNotFoundError as err:
            raise FileNotFoundError(
                f'Checkpoint {checkpoint} does not exist.') from err
        except RuntimeError as err:
            raise ValueError(
                f'Checkpoint {checkpoint} does not match the model of '
                f'{getattr(cfg, "filename", "the config")}: '
                f'{str(err).splitlines()[0]} ({err})') from err
        meta.update(loaded.get('meta', {}).get('dataset_meta') or {})
        if list(meta['aus']) != aus:
            raise ValueError(
                f'Checkpoint {checkpoint} was trained on AUs {meta["aus"]}, '
                f'the config predicts {aus}.')
    model.cfg = cfg
    model.dataset_meta = meta
    return model.to(device).eval()
