"""Measuring the training population's baseline when training ends."""
from collections import defaultdict
from typing import Dict, List

import numpy as np
import torch
from mmengine.dataset import Compose, pseudo_collate
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper

from mmfau.calibration import (
    DEFAULT_QUANTILE,
    PopulationBaseline,
    intensity_logits,
    probability_logits,
)
from mmfau.registry import DATASETS, HOOKS


def measure_baseline(model: torch.nn.Module,
                     dataset_cfg: dict,
                     pipeline: List[dict],
                     quantile: float = DEFAULT_QUANTILE,
                     max_frames_per_subject: int = 200,
                     batch_size: int = 32) -> PopulationBaseline:
    """The population baseline of a model on a data set's subjects: their
    faces (at most ``max_frames_per_subject`` of each, evenly spread)
    through ``pipeline`` (a test pipeline: no random crop or flip).

    Args:
        model (nn.Module): A recognizer; put in eval mode for the
            measurement and back in its mode after.
        dataset_cfg (dict): The training set's config.
        pipeline (list[dict]): The test pipeline.
        quantile (float): The share of a subject's frames below a baseline.
        max_frames_per_subject (int): Faces measured per subject at most.
        batch_size (int): Faces per forward pass.

    Returns:
        PopulationBaseline
    """
    dataset = DATASETS.build(dict(dataset_cfg, pipeline=[]))
    frames: Dict[str, List[int]] = defaultdict(list)
    for index in range(len(dataset)):
        frames[str(dataset.get_data_info(index)['subject'])].append(index)
    chosen = []
    for indices in frames.values():
        picks = np.linspace(0, len(indices) - 1,
                            min(len(indices), max_frames_per_subject))
        chosen += [indices[int(round(p))] for p in picks]
    transform = Compose(pipeline)
    outputs: Dict[str, tuple] = defaultdict(lambda: ([], []))
    was_training = model.training
    model.eval()
    try:
        for start in range(0, len(chosen), batch_size):
            batch = pseudo_collate([
                transform(dataset.get_data_info(i))
                for i in chosen[start:start + batch_size]])
            with torch.no_grad():
                samples = model.test_step(batch)
            for sample in samples:
                logits, intensity = outputs[str(sample.subject)]
                logits.append(probability_logits(
                    sample.pred_score.float().cpu().numpy()))
                if 'pred_intensity' in sample:
                    intensity.append(intensity_logits(
                        sample.pred_intensity.float().cpu().numpy()))
    finally:
        model.train(was_training)
    return PopulationBaseline.measure(
        {subject: (np.stack(logits),
                   np.stack(intensity) if intensity else None)
         for subject, (logits, intensity) in outputs.items()}, quantile)


@HOOKS.register_module()
class PopulationBaselineHook(Hook):
    """At the last training iteration, measure the training population's
    baseline (:func:`measure_baseline` on the training subjects, through
    the test pipeline) and store it in the dataset meta of the
    checkpoints saved from then on, the run's last
    (``calibration_baseline``), where per-person calibration
    (``--calibrate``) finds it. Earlier checkpoints carry none.

    Args:
        quantile (float): The share of a subject's frames below a baseline.
        max_frames_per_subject (int): Faces measured per subject at most.
    """

    def __init__(self,
                 quantile: float = DEFAULT_QUANTILE,
                 max_frames_per_subject: int = 200) -> None:
        self.quantile = quantile
        self.max_frames_per_subject = max_frames_per_subject
        self._baseline = None

    def after_train_iter(self, runner, batch_idx: int, data_batch=None,
                         outputs=None) -> None:
        # before CheckpointHook (priority VERY_LOW) saves the last
        # checkpoint, whether it saves by iteration or by epoch
        if not self.is_last_train_iter(runner) or runner.rank != 0:
            return
        model = runner.model.module if is_model_wrapper(runner.model) \
            else runner.model
        cfg = runner.cfg
        self._baseline = measure_baseline(
            model, cfg.train_dataloader.dataset,
            cfg.test_dataloader.dataset.pipeline, self.quantile,
            self.max_frames_per_subject)
        runner.logger.info(
            f'Population baseline of {self._baseline.subjects} training '
            'subjects stored with the last checkpoints (for --calibrate).')

    def before_save_checkpoint(self, runner, checkpoint: dict) -> None:
        if self._baseline is not None:
            self._baseline.store_in(checkpoint)


def measure_as_configured(model: torch.nn.Module) -> PopulationBaseline:
    """A model's population baseline measured as its config's
    :class:`PopulationBaselineHook` measures it when training ends (the
    hook's own defaults where the config names none): for checkpoints
    made before training stored it.

    Args:
        model (nn.Module): From :func:`mmfau.apis.init_model` (with its
            ``cfg``).

    Returns:
        PopulationBaseline
    """
    cfg = model.cfg
    settings = next((hook for hook in cfg.get('custom_hooks', [])
                     if hook.get('type') == 'PopulationBaselineHook'), {})
    hook = PopulationBaselineHook(
        **{k: v for k, v in settings.items() if k != 'type'})
    return measure_baseline(model, cfg.train_dataloader.dataset,
                            cfg.test_dataloader.dataset.pipeline,
                            hook.quantile, hook.max_frames_per_subject)
