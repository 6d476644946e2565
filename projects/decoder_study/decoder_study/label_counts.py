"""What the hooks that adapt the head to the training labels share."""
from typing import List, Tuple

import numpy as np
from mmengine.model import is_model_wrapper


def training_label_counts(runner, hook: str
                          ) -> Tuple[np.ndarray, np.ndarray, List[str]]:
    """Per-AU positive and known label counts of the training data, as the
    data sets store them in their metainfo.

    Args:
        runner: The MMEngine runner.
        hook (str): The asking hook's name, for the error message.

    Returns:
        tuple: ``positive`` (K,), ``known`` (K,) and the AU names.
    """
    dataset = runner.train_dataloader.dataset
    meta = dataset.metainfo
    if 'au_positive' not in meta:
        raise ValueError(
            f'{type(dataset).__name__} has no per-AU label counts '
            f'(au_positive, au_known); re-run the converter, or remove '
            f'{hook}.')
    return (np.asarray(meta['au_positive'], dtype=np.float64),
            np.asarray(meta['au_known'], dtype=np.float64),
            list(meta['au_names']))


def trained_head(runner, method: str, hook: str):
    """The runner's model head, which must have ``method``.

    Args:
        runner: The MMEngine runner.
        method (str): The head method the hook calls.
        hook (str): The asking hook's name, for the error message.
    """
    model = runner.model.module if is_model_wrapper(runner.model) \
        else runner.model
    if not hasattr(model.head, method):
        raise ValueError(f'{type(model.head).__name__} has no {method}(); '
                         f'{hook} cannot adapt it.')
    return model.head
