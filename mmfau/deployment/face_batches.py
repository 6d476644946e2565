"""Aligned faces as the runtimes take them: BGR pixels and region boxes."""
from typing import Tuple

import numpy as np
import torch
from mmengine.dataset import pseudo_collate

from mmfau.registry import DATASETS


def batch_arrays(batch: dict) -> Tuple[np.ndarray, np.ndarray]:
    """A collated pipeline batch as (images (N, 3, H, W) float32 BGR 0-255,
    region boxes (N, R, 4) float32)."""
    images = torch.stack(batch['inputs']).float().numpy()
    boxes = torch.stack([s.region_boxes
                         for s in batch['data_samples']]).numpy()
    return images, boxes


def sample_faces(model: torch.nn.Module, split: str,
                 count: int) -> Tuple[np.ndarray, np.ndarray]:
    """``count`` faces spread evenly over a split of the model's config,
    through its test pipeline (no random crop or flip).

    Args:
        model (nn.Module): A model from :func:`mmfau.apis.init_model`.
        split (str): ``'train'``, ``'val'`` or ``'test'``.
        count (int): How many faces (at most the split's size).

    Returns:
        tuple[np.ndarray, np.ndarray]: As :func:`batch_arrays`.
    """
    cfg = model.cfg
    dataset = DATASETS.build(
        dict(cfg[f'{split}_dataloader'].dataset,
             pipeline=cfg.test_dataloader.dataset.pipeline))
    indices = np.linspace(0, len(dataset) - 1, min(count, len(dataset)))
    return batch_arrays(
        pseudo_collate([dataset[int(i)] for i in indices.astype(int)]))
