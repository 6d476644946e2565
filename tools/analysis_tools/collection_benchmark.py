"""Time a collection through tools/infer.py and through the video demo.

    python tools/analysis_tools/collection_benchmark.py CONFIG CHECKPOINT \
        VIDEO [VIDEO ...] [--workers 1 2] [--runtime auto] \
        [--out collection.json]

Resolves ``--runtime`` once (``auto``: the one tools/infer.py picks on
this machine; an ONNX graph exported for it), then runs, one after the
other on the same videos with that runtime, whole processes as a user
would start them: ``tools/infer.py`` with each ``--workers`` count, then
``demo/video_demo.py`` once per video. Reports for each the wall time
(start-up included), frames per second and videos per hour, and, from one
more run in this process (one worker), the seconds each stage took:
decoding, the face detector, the landmarks, alignment, the network and
writing. Face stage options (``--face-detector retinaface ...``) go to
every run (default: dlib's HOG, detection every 10th frame). It measures;
it asserts nothing.
"""
import argparse
import csv
import json
import os.path as osp
import subprocess
import sys
import tempfile
import time
from typing import Dict, List, Optional

from mmfau.apis import FaceAUInferencer, init_model
from mmfau.apis.collection import collect_inputs, process_input
from mmfau.deployment import build_runtime, resolve_runtime
from mmfau.utils import describe_device, exit_on_user_error

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('config', help='model config')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument('videos', nargs='+', help='the collection')
    parser.add_argument('--workers', type=int, nargs='+', default=[1, 2])
    parser.add_argument('--runtime', default='auto')
    parser.add_argument('--out', default='collection_benchmark.json')
    # any other option is a face stage option of every run
    return parser.parse_known_args()


def _timed(command: List[str]) -> float:
    """Wall seconds of a command, which must succeed (or exit 3: some input
    not read whole)."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode not in (0, 3):
        raise RuntimeError(f'{" ".join(command)} failed:\n'
                           f'{done.stderr[-2000:]}')
    return time.perf_counter() - start


def _rates(seconds: float, frames: int, videos: int) -> Dict[str, float]:
    return dict(seconds=seconds, frames_per_s=frames / seconds,
                videos_per_hour=videos * 3600 / seconds)


def stage_seconds(model, runtime: str, graph: Optional[str], args,
                  options: List[str]) -> Dict[str, float]:
    """One worker in this process: the seconds of each stage."""
    from cli_options import (
        add_landmark_arguments,
        landmark_config_from_args,
    )
    parser = argparse.ArgumentParser()
    add_landmark_arguments(parser, 'dlib', '')
    face = parser.parse_args(options)
    inferencer = FaceAUInferencer(
        model, landmark_config_from_args(face), redetect_every=10,
        runtime=build_runtime(runtime, model, graph))
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        for item in collect_inputs(args.videos):
            process_input(inferencer, item, folder, settings={})
    wall = time.perf_counter() - start
    seconds = dict(inferencer.clock.seconds)
    seconds['landmarks'] = seconds.pop('faces') - seconds.get('detect', 0)
    return dict(wall=wall, **seconds)


def main():
    args, options = parse_args()
    sys.path.insert(0, osp.dirname(osp.dirname(osp.abspath(__file__))))
    model = init_model(args.config, args.checkpoint)
    frames = None
    with tempfile.TemporaryDirectory() as folder:
        runtime, graph, _ = resolve_runtime(model, args.runtime, folder,
                                            args.checkpoint)
        chosen = ['--runtime', runtime] + (['--onnx', graph] if graph
                                           else [])
        result = dict(config=args.config, checkpoint=args.checkpoint,
                      device=describe_device('cpu'), videos=args.videos,
                      face_options=options, runtime=runtime,
                      stage_seconds_one_worker=stage_seconds(
                          model, runtime, graph, args, options), runs={})
        for workers in args.workers:
            out = osp.join(folder, f'workers{workers}')
            seconds = _timed([
                sys.executable, 'tools/infer.py', *args.videos, args.config,
                args.checkpoint, '--out-dir', out, '--workers',
                str(workers), '--quiet', *chosen, *options])
            with open(osp.join(out, 'index.csv')) as f:
                frames = sum(int(r['frames_read'])
                             for r in csv.DictReader(f))
            result['runs'][f'tools/infer.py, {workers} worker(s)'] = \
                _rates(seconds, frames, len(args.videos))
        seconds = sum(_timed([
            sys.executable, 'demo/video_demo.py', video, args.config,
            args.checkpoint, '--out-csv', osp.join(folder, f'{i}.csv'),
            *chosen, *options]) for i, video in enumerate(args.videos))
        result['runs']['demo/video_demo.py, one video at a time'] = \
            _rates(seconds, frames, len(args.videos))
    result['frames'] = frames
    print(json.dumps(result, indent=2))
    with open(args.out, 'w') as f:
        json.dump(result, f, indent=2)
    print(f'wrote {args.out}')


if __name__ == '__main__':
    exit_on_user_error(main)
