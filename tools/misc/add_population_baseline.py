"""Add the training population's baseline to a checkpoint that lacks it
(made before training stored it), for per-person calibration.

    python tools/misc/add_population_baseline.py CONFIG CHECKPOINT \
        --out CHECKPOINT_WITH_BASELINE.pth

The baseline is measured as the config's ``PopulationBaselineHook``
measures it when training ends (its quantile and faces per subject): the
model on the config's training subjects, through the test pipeline. The
checkpoint itself is left as it was; a new one is written.
"""
import argparse

import torch

from mmfau.apis import init_model
from mmfau.engine.hooks import measure_as_configured
from mmfau.utils import (
    claim_outputs,
    exit_on_user_error,
    read_checkpoint,
    replace_with,
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('config', help='the checkpoint\'s config')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument('--out', required=True, help='the new checkpoint')
    args = parser.parse_args()
    with claim_outputs({'--out': args.out}, [args.config, args.checkpoint]):
        baseline = measure_as_configured(
            init_model(args.config, args.checkpoint))
        checkpoint = read_checkpoint(args.checkpoint)
        baseline.store_in(checkpoint)
        replace_with(args.out, lambda path: torch.save(checkpoint, path))
    print(f'wrote {args.out} (the baseline of {baseline.subjects} training '
          'subjects)')


if __name__ == '__main__':
    exit_on_user_error(main)
