"""Compare the CPU runtimes of a recognizer: speed, agreement, video.

    python tools/analysis_tools/cpu_inference.py CONFIG [CHECKPOINT] \
        [--video clip.mp4 --face-detector retinaface ...] --out cpu.json

For each runtime of ``mmfau.deployment.RUNTIMES`` (PyTorch float32, the
reference; PyTorch bfloat16; ONNX Runtime float32 and int8) it reports:
faces/s at batch 1 and 8 (the runtimes take turns on the same batches,
median of ``--iters``); on ``--faces`` faces of the config's test set, the
largest probability difference from the reference and the share of
identical presence decisions; and, with ``--video``, frames/s end to end
(decode, detection every ``--redetect-every`` frames, landmarks, alignment,
network) with the fastest runtime, beside that runtime's network-alone
rate at the inferencer's batch size. Without a checkpoint the weights are
random (speed only means something then).
"""
import argparse
import json
import os.path as osp
import sys
import tempfile
import time
from typing import Dict

import numpy as np
import torch
from mmengine.config import DictAction

from mmfau.apis import FaceAUInferencer, init_model
from mmfau.deployment import (
    RUNTIMES,
    OnnxRuntime,
    TorchRuntime,
    export_onnx,
    quantize_int8,
    sample_faces,
)
from mmfau.utils import exit_on_user_error, median_seconds

sys.path.insert(0, osp.dirname(osp.dirname(osp.abspath(__file__))))
from cli_options import (  # noqa: E402
    add_landmark_arguments,
    landmark_config_from_args,
)
from text_tables import render_table  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('config', help='model config')
    parser.add_argument('checkpoint', nargs='?', help='checkpoint file')
    parser.add_argument('--faces', type=int, default=200,
                        help='test faces for the agreement')
    parser.add_argument('--calib-faces', type=int, default=128,
                        help='training faces for int8 calibration')
    parser.add_argument('--iters', type=int, default=20,
                        help='timed runs per batch size')
    parser.add_argument('--video', help='a video for the end-to-end rate')
    parser.add_argument('--redetect-every', type=int, default=10)
    parser.add_argument('--video-rounds', type=int, default=5,
                        help='passes over the video, each between two '
                        'timings of the network alone')
    parser.add_argument(
        '--video-threads', type=int,
        help='network threads for the video measurement (default: all '
        'cores); with 1 on a 2-core machine the face stage runs on the '
        'other core')
    add_landmark_arguments(parser, 'dlib', '<video file name>/<frame>')
    parser.add_argument('--out', default='cpu_inference.json',
                        help='JSON; a Markdown table goes beside it')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction)
    return parser.parse_args()


def build_runtimes(model, folder: str, calibration) -> Dict[str, object]:
    float_graph = export_onnx(model, osp.join(folder, 'model.onnx'))
    int8_graph = quantize_int8(float_graph,
                               osp.join(folder, 'model.int8.onnx'),
                               *calibration)
    return {
        'pytorch': TorchRuntime(model),
        'pytorch-bf16': TorchRuntime(model, bf16=True),
        # the network alone: idle threads spin, its fastest setting
        'onnx': OnnxRuntime(float_graph, spin_wait=True),
        'onnx-int8': OnnxRuntime(int8_graph, spin_wait=True),
    }


def speeds(runtimes: Dict, images: np.ndarray, boxes: np.ndarray,
           batch: int, iters: int) -> Dict[str, float]:
    """Faces/s of each runtime at one batch size, taking turns."""
    x, b = images[:batch], boxes[:batch]
    seconds = median_seconds(
        [lambda r=runtime: r(x, b) for runtime in runtimes.values()], iters,
        warmup=2)
    return {name: batch / t for name, t in zip(runtimes, seconds)}


def agreement(runtimes: Dict, images, boxes, threshold) -> Dict:
    """Each runtime against the float32 PyTorch reference: probabilities,
    presence and, where the model estimates it, intensity."""
    def run(runtime):
        outputs = [runtime(images[i:i + 16], boxes[i:i + 16])
                   for i in range(0, len(images), 16)]
        return [None if outputs[0][k] is None else
                np.concatenate([o[k] for o in outputs]) for k in (0, 1)]
    reference, reference_intensity = run(runtimes['pytorch'])
    result = {}
    for name, runtime in runtimes.items():
        scores, intensity = run(runtime)
        result[name] = dict(
            max_probability_difference=float(
                np.abs(scores - reference).max()),
            identical_decisions=float(
                ((scores >= threshold) == (reference >= threshold)).mean()))
        if reference_intensity is not None:
            result[name]['max_intensity_difference'] = float(
                np.abs(intensity - reference_intensity).max())
    return result


def video_rate(model, runtimes: Dict, faces_per_s: Dict, test,
               args) -> Dict:
    """Frames/s of ``--video`` end to end with the runtime fastest at
    batch 8, against that runtime's network-alone rate at the inferencer's
    batch size (16), same threads. The two take turns: ``--video-rounds``
    passes over the video, the network alone timed before and after each;
    each pass's ratio is to the mean of the two, and the median is
    reported (this shared machine's speed drifts between runs). The network
    alone lets idle ONNX Runtime threads spin (its fastest setting); in the
    video they sleep, since the face stage runs beside the network (see
    ``OnnxRuntime``)."""
    fastest = max(faces_per_s['batch 8'].items(),
                  key=lambda item: item[1])[0]
    alone_runtime = video_runtime = runtimes[fastest]
    if fastest.startswith('onnx'):
        path = runtimes[fastest].path
        alone_runtime = OnnxRuntime(path, args.video_threads, spin_wait=True)
        video_runtime = OnnxRuntime(path, args.video_threads)
    if args.video_threads:
        torch.set_num_threads(args.video_threads)
    inferencer = FaceAUInferencer(
        model, landmark_config_from_args(args),
        redetect_every=args.redetect_every,
        runtime=video_runtime)
    inferencer(args.video)  # warm-up (and the face detector's first call)

    def network_alone() -> float:
        return speeds({fastest: alone_runtime}, *test, 16,
                      args.iters)[fastest]

    alone, rates = [network_alone()], []
    for _ in range(args.video_rounds):
        start = time.perf_counter()
        frames = inferencer(args.video)
        rates.append(len(frames) / (time.perf_counter() - start))
        alone.append(network_alone())
    found = sum(len(f.faces) for f in frames) / len(frames)
    ratios = [rate * found * 2 / (before + after)
              for rate, before, after in zip(rates, alone, alone[1:])]
    return dict(runtime=fastest, frames_per_s=float(np.median(rates)),
                faces_per_frame=found,
                network_alone_faces_per_s=float(np.median(alone)),
                network_threads=args.video_threads or 'all',
                rounds=dict(frames_per_s=rates, network_alone=alone,
                            ratio=ratios),
                ratio=float(np.median(ratios)))


def main():
    args = parse_args()
    model = init_model(args.config, args.checkpoint,
                       cfg_options=args.cfg_options)
    test = sample_faces(model, 'test', args.faces)
    calibration = sample_faces(model, 'train', args.calib_faces)
    with tempfile.TemporaryDirectory() as folder:
        runtimes = build_runtimes(model, folder, calibration)
        result = dict(
            config=args.config,
            checkpoint=args.checkpoint or 'random weights',
            threads=torch.get_num_threads(),
            runtimes={k: RUNTIMES[k] for k in runtimes},
            faces_per_s={
                f'batch {b}': speeds(runtimes, *test, b, args.iters)
                for b in (1, 8)
            },
            agreement_on_test_faces=agreement(
                runtimes, *test, model.head.threshold.cpu().numpy()),
            test_faces=len(test[0]))
        if args.video:
            result['video_end_to_end'] = video_rate(
                model, runtimes, result['faces_per_s'], test, args)
    print(json.dumps(result, indent=2))
    with open(args.out, 'w') as f:
        json.dump(result, f, indent=2)
    with open(osp.splitext(args.out)[0] + '.md', 'w') as f:
        f.write(table(result))
    print(table(result))
    print(f'wrote {args.out}')


def table(result: Dict) -> str:
    """The speed and agreement figures as a Markdown table."""
    rows = [['runtime', 'faces/s, batch 1', 'faces/s, batch 8',
             'vs PyTorch batch 1', 'largest probability difference',
             'largest intensity difference', 'identical decisions']]
    one = result['faces_per_s']['batch 1']
    eight = result['faces_per_s']['batch 8']
    for name in one:
        agree = result['agreement_on_test_faces'][name]
        rows.append([
            name, f'{one[name]:.1f}', f'{eight[name]:.1f}',
            f'{one[name] / one["pytorch"]:.2f}x',
            f'{agree["max_probability_difference"]:.2g}',
            f'{agree["max_intensity_difference"]:.2g}'
            if 'max_intensity_difference' in agree else '',
            f'{100 * agree["identical_decisions"]:.2f}%'
        ])
    return render_table(rows)['md']


if __name__ == '__main__':
    exit_on_user_error(main)
