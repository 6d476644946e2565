"""Measure per-person calibration on the synthetic video protocol.

    python tools/analysis_tools/calibration_table.py CONFIG \
        CHECKPOINT [CHECKPOINT ...] [--frames 300] [--out calibration.json]

Each held-out subject of the config's test part (the same people as its
test set: identity, resting face, difficulty) becomes one video of
``--frames`` frames in which expressions rise and fall between stretches
of the resting face, labelled frame by frame
(:class:`~mmfau.datasets.SyntheticVideoDataset`). The model scores every
frame; each subject's results are then calibrated against the subject's
own baseline, offline (the whole video) and online (the frames so far,
from ``--calibrate-after`` on; earlier frames stay uncalibrated), with
:class:`~mmfau.calibration.PersonCalibration` and the checkpoint's
population baseline (measured on the config's training subjects when the
checkpoint has none). Three cases: the config's difficulty (resting marks
on), resting marks off, and a person showing ``--dominant-au`` in most
frames. Prints, per case and calibration, the mean F1 over the AUs with
positives and the mean ICC(3,1) of intensity, mean ± std over the
checkpoints (e.g. 3 seeds), and per-AU F1; writes every figure as JSON.
"""
import argparse
import json
from typing import Dict, List

import numpy as np
import torch
from mmengine.dataset import pseudo_collate

from mmfau.apis import init_model
from mmfau.calibration import PersonCalibration, PopulationBaseline
from mmfau.engine.hooks import measure_as_configured
from mmfau.evaluation.metrics import icc_3_1
from mmfau.evaluation.metrics.au_f1 import au_f1_scores
from mmfau.registry import DATASETS
from mmfau.structures import FaceResult, FrameResult
from mmfau.utils import exit_on_user_error

#: The ways results are judged, in the table's order.
CALIBRATIONS = ('raw', 'offline', 'online')


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('config', help='model config (synthetic data)')
    parser.add_argument('checkpoints', nargs='+', help='checkpoint files')
    parser.add_argument('--frames', type=int, default=300,
                        help='frames of each subject\'s video')
    parser.add_argument('--calibrate-after', type=int, default=30,
                        help='online: frames before a person is calibrated')
    parser.add_argument('--dominant-au', type=int, default=12,
                        help='the AU the third case\'s people show in most '
                        'frames')
    parser.add_argument('--dominant-share', type=float, default=0.8)
    parser.add_argument('--out', default='calibration.json')
    return parser.parse_args()


def score_videos(model, dataset_cfg: dict) -> dict:
    """Every frame of the videos through the model: results per subject in
    frame order, with the labels."""
    dataset = DATASETS.build(dataset_cfg)
    frames: List[FrameResult] = []
    labels, mask, levels, coded = [], [], [], []
    threshold = model.head.threshold.cpu().numpy()
    for start in range(0, len(dataset), 64):
        batch = pseudo_collate([dataset[i] for i in
                                range(start, min(start + 64, len(dataset)))])
        with torch.no_grad():
            samples = model.test_step(batch)
        for sample in samples:
            probabilities = sample.pred_score.float().numpy()
            face = FaceResult(0, np.zeros(4), 1.0, np.zeros((68, 2)),
                              probabilities=probabilities,
                              present=probabilities >= threshold,
                              threshold=threshold,
                              intensity=sample.pred_intensity.float().numpy()
                              if 'pred_intensity' in sample else None)
            frames.append(FrameResult(str(sample.subject), 'video',
                                      int(sample.frame), 0.0, 'ok', [face]))
            labels.append(sample.gt_au.numpy())
            mask.append(sample.gt_au_mask.numpy())
            levels.append(sample.gt_intensity.numpy())
            coded.append(sample.gt_intensity_mask.numpy())
    return dict(frames=frames, labels=np.array(labels),
                mask=np.array(mask, bool), levels=np.array(levels),
                coded=np.array(coded, bool))


def judge(scored: dict, baseline: PopulationBaseline, threshold: np.ndarray,
          min_frames: int) -> Dict[str, dict]:
    """F1 and ICC per AU of the raw, offline and online results."""
    results = {}
    for mode in CALIBRATIONS:
        frames = scored['frames']
        for frame in frames:
            frame.faces[0].calibrated = None
        if mode != 'raw':
            calibration = PersonCalibration(baseline, threshold, mode,
                                            min_frames)
            list(calibration.stream(frames))  # each subject in turn
        faces = [f.faces[0].calibrated or f.faces[0] for f in frames]
        present = np.array([face.present for face in faces])
        f1 = au_f1_scores(present, scored['labels'], scored['mask'])
        positives = f1['support'] > 0
        per_au_f1 = np.where(positives, 100 * f1['f1'], np.nan)
        icc = np.full(len(positives), np.nan)
        if faces[0].intensity is not None:
            intensity = np.array([face.intensity for face in faces])
            for k in range(len(icc)):
                coded = scored['coded'][:, k]
                icc[k] = icc_3_1(np.stack([intensity[coded, k],
                                           scored['levels'][coded, k]], 1))
        results[mode] = dict(f1=per_au_f1.tolist(), icc=icc.tolist(),
                             f1_mean=float(np.nanmean(per_au_f1)),
                             icc_mean=float(np.nanmean(icc)))
    return results


def main():
    args = parse_args()
    cases = {
        'resting marks': dict(),
        'no resting marks': dict(resting_marks=False),
        f'AU{args.dominant_au} most of the time': dict(),
    }
    measured: Dict[str, List[dict]] = {case: [] for case in cases}
    au_names = None
    for checkpoint in args.checkpoints:
        model = init_model(args.config, checkpoint)
        cfg = model.cfg
        au_names = model.dataset_meta['au_names']
        baseline = PopulationBaseline.from_meta(model.dataset_meta) or \
            measure_as_configured(model)
        test = dict(cfg.test_dataloader.dataset)
        threshold = model.head.threshold.cpu().numpy()
        for case, difficulty in cases.items():
            dataset = dict(
                test, type='SyntheticVideoDataset',
                frames_per_subject=args.frames,
                difficulty=dict(test.get('difficulty') or {}, **difficulty),
                dominant_au=args.dominant_au if case.startswith('AU')
                else None, dominant_share=args.dominant_share)
            results = judge(score_videos(model, dataset), baseline,
                            threshold, args.calibrate_after)
            measured[case].append(results)
            print(f'{checkpoint}, {case}: ' + ', '.join(
                f'{mode} F1 {r["f1_mean"]:.1f} ICC {r["icc_mean"]:.3f}'
                for mode, r in results.items()), flush=True)
    report = dict(config=args.config, checkpoints=args.checkpoints,
                  frames=args.frames, calibrate_after=args.calibrate_after,
                  dominant_au=args.dominant_au,
                  dominant_share=args.dominant_share, au_names=au_names,
                  runs=measured)
    print(table(report))
    with open(args.out, 'w') as f:
        json.dump(report, f, indent=1)
    print(f'wrote {args.out}')


def _spread(values: List[float], digits: int) -> str:
    values = np.asarray(values)
    std = values.std(ddof=1) if len(values) > 1 else 0.0
    return f'{values.mean():.{digits}f} ± {std:.{digits}f}'


def table(report: dict) -> str:
    """Mean F1 and ICC per case and calibration, and per-AU F1, as
    Markdown."""
    names = report['au_names']
    lines = ['| case | calibration | F1 | ICC | ' + ' | '.join(names) + ' |',
             '|---|---|---|---|' + '---|' * len(names)]
    for case, runs in report['runs'].items():
        for mode in CALIBRATIONS:
            per_au = np.nanmean([r[mode]['f1'] for r in runs], axis=0)
            lines.append(
                f'| {case} | {mode} | '
                f'{_spread([r[mode]["f1_mean"] for r in runs], 1)} | '
                f'{_spread([r[mode]["icc_mean"] for r in runs], 3)} | ' +
                ' | '.join('' if np.isnan(v) else f'{v:.0f}'
                           for v in per_au) + ' |')
    return '\n'.join(lines)


if __name__ == '__main__':
    exit_on_user_error(main)
