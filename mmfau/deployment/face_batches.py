"""Aligned faces as the network takes them: BGR pixels and region boxes."""
from typing import Tuple

import numpy as np
import torch
from mmengine.config import Config
from mmengine.dataset import Compose, pseudo_collate

from mmfau.faces.landmark_scheme import CANONICAL_FACE
from mmfau.registry import DATASETS


def inference_pipeline(cfg: Config) -> list:
    """The steps that turn an aligned face into model inputs: the config's
    ``inference_pipeline`` (its test pipeline without the image loading).

    Args:
        cfg (Config): A model's config.

    Returns:
        list[dict]: Transform configs.
    """
    steps = cfg.get('inference_pipeline')
    if not steps:
        raise ValueError(
            f'{cfg.filename or "The config"} has no `inference_pipeline` '
            '(the test pipeline\'s steps after loading an image); define '
            'one as configs/_base_/datasets/bp4d.py does.')
    return list(steps)


def batch_arrays(batch: dict) -> Tuple[np.ndarray, np.ndarray]:
    """A collated pipeline batch as (images (N, 3, H, W) float32 BGR 0-255,
    region boxes (N, R, 4) float32)."""
    images = torch.stack(batch['inputs']).float().numpy()
    boxes = torch.stack([s.region_boxes
                         for s in batch['data_samples']]).numpy()
    return images, boxes


def example_face(model: torch.nn.Module) -> Tuple[np.ndarray, np.ndarray]:
    """One blank face with the mean landmarks, aligned as the model's
    training faces were and through its inference pipeline: the shapes the
    network takes (e.g. to trace it).

    Args:
        model (nn.Module): A model from :func:`mmfau.apis.init_model` (with
            ``cfg`` and ``face_geometry``).

    Returns:
        tuple[np.ndarray, np.ndarray]: As :func:`batch_arrays`, one face.
    """
    geometry = model.face_geometry
    landmarks = ((CANONICAL_FACE - 0.5) * geometry.face_scale + 0.5) * \
        geometry.size
    face = np.zeros((geometry.size, geometry.size, 3), np.uint8)
    packed = Compose(inference_pipeline(model.cfg))(
        dict(img=face, landmarks=landmarks.astype(np.float32),
             img_shape=face.shape[:2], ori_shape=face.shape[:2]))
    return batch_arrays(pseudo_collate([packed]))


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
