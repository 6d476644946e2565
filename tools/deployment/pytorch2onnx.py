"""Export a trained recognizer to ONNX, optionally quantized to int8.

    python tools/deployment/pytorch2onnx.py CONFIG CHECKPOINT --out model.onnx
    python tools/deployment/pytorch2onnx.py CONFIG CHECKPOINT --int8 \
        --out model.int8.onnx [--calib-faces 256]

The graph takes BGR aligned faces (N, 3, H, W, float 0-255) and their
judgment-region boxes (N, 8, 4) and returns AU probabilities (N, K) and,
for models that estimate it, AU intensities (N, K); the demos run it
with ``--runtime onnx --onnx model.onnx`` (or ``onnx-int8``).
int8 calibration uses faces of the config's training set, through its
test pipeline.
"""
import argparse
import os
import tempfile

from mmengine.config import DictAction

from mmfau.apis import init_model
from mmfau.deployment import (
    example_face,
    export_onnx,
    quantize_int8,
    sample_faces,
)
from mmfau.utils import exit_on_user_error


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('config', help='model config')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument('--out', required=True, help='the .onnx file')
    parser.add_argument('--int8', action='store_true',
                        help='quantize to int8 with calibration faces')
    parser.add_argument('--calib-faces', type=int, default=256,
                        help='training faces used for int8 calibration')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        help='override settings of the config')
    return parser.parse_args()


def main():
    args = parse_args()
    model = init_model(args.config, args.checkpoint,
                       cfg_options=args.cfg_options)
    if not args.int8:
        export_onnx(model, args.out)
    else:
        with tempfile.TemporaryDirectory() as folder:
            float_graph = export_onnx(model, os.path.join(folder, 'f.onnx'))
            quantize_int8(float_graph, args.out,
                          *sample_faces(model, 'train', args.calib_faces))
    size = example_face(model)[0].shape[2:]
    print(f'wrote {args.out} (input {size[0]}x{size[1]}'
          f'{", int8" if args.int8 else ""})')


if __name__ == '__main__':
    exit_on_user_error(main)
