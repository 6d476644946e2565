"""The model owns the presence threshold: change it once and the metric,
the test tool's CSV, the inference CSV and the pictures all follow."""
import csv

import numpy as np
import pytest
import torch
from mmengine.dataset import pseudo_collate
from sklearn.metrics import f1_score

from mmfau.apis import (
    FaceAUInferencer,
    face_to_data_sample,
    init_model,
    results_to_rows,
)
from mmfau.evaluation import AUF1Metric, PredictionCSVWriter
from mmfau.registry import DATASETS
from mmfau.visualization import FAUVisualizer

from .test_inference import AUS, CONFIG, checkpoint, video  # noqa: F401


def _test_samples(model):
    cfg = model.cfg.test_dataloader.dataset
    dataset = DATASETS.build(dict(cfg, num_subjects=3, frames_per_subject=8))
    with torch.no_grad():
        return model.test_step(pseudo_collate([d for d in dataset]))


def test_one_threshold_drives_metric_csvs_and_pictures(
        tmp_path, checkpoint, video):  # noqa: F811
    # thresholds at the median score of each AU split the decisions, so
    # that a second threshold anywhere (0.5) would disagree
    median = np.median(np.stack([
        s.pred_score.numpy() for s in _test_samples(
            init_model(CONFIG, checkpoint))
    ]), axis=0).clip(0.01, 0.99)
    model = init_model(CONFIG, checkpoint,
                       cfg_options={'model.head.threshold': median.tolist()})
    samples = _test_samples(model)
    scores = np.stack([s.pred_score.numpy() for s in samples])
    decided = scores >= median.astype(np.float32)
    assert (decided != (scores >= 0.5)).any()

    metric = AUF1Metric()
    metric.dataset_meta = dict(au_names=AUS)
    metric.process(None, [s.to_dict() for s in samples])
    results = metric.compute_metrics(metric.results)
    gt = np.stack([s.gt_au.numpy() for s in samples])
    for k, name in enumerate(AUS):
        assert results[f'F1/{name}'] == pytest.approx(
            100 * f1_score(gt[:, k], decided[:, k], zero_division=0))

    writer = PredictionCSVWriter(out_file=str(tmp_path / 'test.csv'))
    writer.dataset_meta = dict(au_names=AUS)
    writer.process(None, [s.to_dict() for s in samples])
    writer.compute_metrics(writer.results)
    rows = list(csv.DictReader((tmp_path / 'test.csv').open()))
    np.testing.assert_array_equal(
        np.array([[int(r[a]) for a in AUS] for r in rows]), decided)

    path, landmark_file = video
    inferencer = FaceAUInferencer(
        model, dict(type='FileLandmarks', path=landmark_file))
    frames = inferencer(path)
    faces = [face for frame in frames for face in frame.faces]
    for face in faces:
        np.testing.assert_array_equal(
            face.present, face.probabilities >= median.astype(np.float32))
    inference_rows = [r for r in results_to_rows(frames, AUS) if r['face']]
    assert [[r[a] for a in AUS] for r in inference_rows] == [
        face.present.astype(int).tolist() for face in faces
    ]

    face = faces[0]
    picture = FAUVisualizer(name='threshold', scale=150, au_names=AUS)\
        .add_datasample('f', np.zeros((64, 64, 3), np.uint8),
                        face_to_data_sample(face), out_file=None)
    panel = picture[:, -260:]
    row = 150 / len(AUS)
    red = [tuple(panel[int((k + 0.5) * row), 64]) == (214, 39, 40)
           for k in range(len(AUS))]
    assert red == face.present.tolist()
