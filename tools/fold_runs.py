"""Training and testing one fold with mmfau's tools, as the
cross-validation and the ablation do."""
import json
import os
import os.path as osp
import subprocess
import sys
from typing import List, Optional


def run_tool(args: List[str], log: Optional[str] = None) -> None:
    """Run a tool script with this Python; its output goes to ``log``
    (appended) when given, and a failure raises naming the log's last
    line."""
    print('+', ' '.join(args), flush=True)
    if log is None:
        subprocess.run([sys.executable] + args, check=True)
        return
    with open(log, 'a') as f:
        done = subprocess.run([sys.executable] + args, stdout=f,
                              stderr=subprocess.STDOUT)
    if done.returncode:
        with open(log) as f:
            last = [line.strip() for line in f if line.strip()][-1:]
        raise RuntimeError(f'{osp.basename(args[0])} {args[1]} failed (exit '
                           f'{done.returncode}): {"".join(last)} (output in '
                           f'{log})')


def fold_metrics_file(work_dir: str, val_thresholds: bool = False) -> str:
    """Where a fold's test metrics are written: once it exists the fold
    is done, and :func:`run_fold` (or, with ``val_thresholds``,
    :func:`run_fold_with_validation_thresholds`) only reads it.

    Args:
        work_dir (str): The fold's work directory.
        val_thresholds (bool): The metrics with F1 at thresholds chosen on
            validation subjects.

    Returns:
        str: The JSON file's path.
    """
    name = 'test_metrics_val_thresholds.json' if val_thresholds else \
        'test_metrics.json'
    return osp.join(work_dir, name)


def run_fold(tools_dir: str, config: str, work_dir: str,
             options: List[str], log: Optional[str] = None) -> dict:
    """Train and test one fold unless its metrics exist; return them.

    The test is of the last checkpoint: no choice is made on the test part.
    ``tools_dir`` holds mmfau's ``train.py`` and ``test.py``; ``log``, when
    given, receives the tools' output instead of the console.
    """
    metrics_file = fold_metrics_file(work_dir)
    if not osp.exists(metrics_file):
        extra = ['--cfg-options', *options] if options else []
        if log is not None:
            os.makedirs(work_dir, exist_ok=True)
        run_tool([osp.join(tools_dir, 'train.py'), config, '--work-dir',
                  work_dir, *extra], log)
        with open(osp.join(work_dir, 'last_checkpoint')) as f:
            checkpoint = f.read().strip()
        run_tool([osp.join(tools_dir, 'test.py'), config, checkpoint,
                  '--work-dir', work_dir, '--metrics-out', metrics_file,
                  *extra], log)
    with open(metrics_file) as f:
        return json.load(f)


def run_fold_with_validation_thresholds(tools_dir: str, config: str,
                                        work_dir: str, options: List[str],
                                        train_parts: List,
                                        log: Optional[str] = None) -> dict:
    """Train one fold without its validation subjects, choose each AU's
    presence threshold on them, and test at 0.5 and at those thresholds;
    unless the metrics exist. Returns the test metrics at 0.5 with
    ``F1_val/mean``, ``F1_val/AU1`` ... (F1 at the validation thresholds)
    and ``threshold/AU1`` ... added.

    The validation subjects are every fourth of the training part's
    (:func:`mmfau.datasets.protocol.validation_subjects`); the test part is
    never looked at before the final test.
    """
    metrics_file = fold_metrics_file(work_dir, val_thresholds=True)
    if osp.exists(metrics_file):
        with open(metrics_file) as f:
            return json.load(f)
    metrics = run_fold(
        tools_dir, config, work_dir,
        [*options, 'train_dataloader.dataset.filter_cfg.subjects=train'],
        log)
    with open(osp.join(work_dir, 'last_checkpoint')) as f:
        checkpoint = f.read().strip()
    chosen_file = osp.join(work_dir, 'validation_metrics.json')
    parts = '[' + ','.join(str(p) for p in train_parts) + ']'
    test = [osp.join(tools_dir, 'test.py'), config, checkpoint, '--work-dir',
            work_dir]
    run_tool([
        *test, '--metrics-out', chosen_file, '--cfg-options', *options,
        f'test_dataloader.dataset.parts={parts}',
        'test_dataloader.dataset.filter_cfg.subjects=validation',
        'test_evaluator.best_thresholds=True'
    ], log)
    with open(chosen_file) as f:
        chosen = json.load(f)
    aus = [k[len('threshold/'):] for k in chosen
           if k.startswith('threshold/')]
    thresholds = [chosen[f'threshold/{au}'] for au in aus]
    tuned_file = osp.join(work_dir, 'test_metrics_at_thresholds.json')
    values = '[' + ','.join(f'{t:.6f}' for t in thresholds) + ']'
    run_tool([
        *test, '--metrics-out', tuned_file, '--cfg-options', *options,
        f'model.head.threshold={values}'
    ], log)
    with open(tuned_file) as f:
        tuned = json.load(f)
    metrics = dict(metrics)
    metrics['F1_val/mean'] = tuned['F1/mean']
    for au, threshold in zip(aus, thresholds):
        metrics[f'F1_val/{au}'] = tuned[f'F1/{au}']
        metrics[f'threshold/{au}'] = threshold
    with open(metrics_file, 'w') as f:
        json.dump(metrics, f, indent=2)
    return metrics
