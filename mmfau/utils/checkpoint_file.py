"""Reading a checkpoint file a user names, with one clear line for every
way it can be wrong."""
import os
import os.path as osp
from typing import Dict, Mapping

import torch

#: The first bytes of every checkpoint torch.save writes (a zip archive).
ZIP_MAGIC = b'PK\x03\x04'
#: How many key names a mismatch message shows of each kind.
SHOWN_KEYS = 3


def read_checkpoint(path: str) -> dict:
    """Load a checkpoint safely (``torch.load(weights_only=True)``: a file
    from elsewhere never runs code).

    Args:
        path (str): The checkpoint file.

    Returns:
        dict: The checkpoint, with a ``state_dict`` whose keys are named as
        in the model itself (a distributed wrapper's ``module.`` prefix
        removed).

    Raises:
        FileNotFoundError: No such file.
        ValueError: The file is empty, truncated or damaged, or not a
            PyTorch checkpoint of weights.
    """
    if not osp.isfile(path):
        raise FileNotFoundError(f'Checkpoint {path} does not exist.')
    if os.path.getsize(path) == 0:
        raise ValueError(f'Checkpoint {path} is empty (0 bytes).')
    with open(path, 'rb') as f:
        zipped = f.read(4) == ZIP_MAGIC
    try:
        loaded = torch.load(path, map_location='cpu', weights_only=True)
    except (EOFError, RuntimeError, OSError) as err:
        if not zipped and not isinstance(err, EOFError):
            raise ValueError(f'Checkpoint {path} is not a PyTorch '
                             'checkpoint of weights.') from err
        raise ValueError(f'Checkpoint {path} is truncated or damaged: '
                         f'{str(err).splitlines()[0][:160]}') from err
    except Exception as err:  # the unpickler's many ways to refuse a file
        # torch's message advises weights_only=False, which must never be
        # done for a file the user did not make
        raise ValueError(f'Checkpoint {path} is not a PyTorch checkpoint '
                         f'of weights ({type(err).__name__}).') from err
    if isinstance(loaded, Mapping) and 'state_dict' not in loaded and all(
            isinstance(v, torch.Tensor) for v in loaded.values()):
        loaded = dict(state_dict=loaded)
    if not isinstance(loaded, Mapping) or 'state_dict' not in loaded:
        raise ValueError(f'Checkpoint {path} holds no state_dict of model '
                         'weights.')
    prefix = 'module.'
    state = {k[len(prefix):] if k.startswith(prefix) else k: v
             for k, v in loaded['state_dict'].items()}
    return dict(loaded, state_dict=state)


def state_dict_mismatch(expected: Mapping[str, torch.Tensor],
                        given: Mapping[str, torch.Tensor]) -> str:
    """How a state dict differs from a model's, in one line: counts of
    missing, unexpected and reshaped keys with the first few of each; empty
    when they match.

    Args:
        expected (Mapping): The model's state dict.
        given (Mapping): The checkpoint's.

    Returns:
        str
    """
    kinds: Dict[str, list] = dict(
        missing=[k for k in expected if k not in given],
        unexpected=[k for k in given if k not in expected],
        reshaped=[
            f'{k} {tuple(given[k].shape)} vs {tuple(v.shape)}'
            for k, v in expected.items()
            if k in given and tuple(given[k].shape) != tuple(v.shape)
        ])
    parts = []
    for kind, keys in kinds.items():
        if keys:
            shown = ', '.join(keys[:SHOWN_KEYS])
            more = ', ...' if len(keys) > SHOWN_KEYS else ''
            parts.append(f'{len(keys)} {kind} key(s) ({shown}{more})')
    return '; '.join(parts)
