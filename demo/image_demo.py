"""AU detection on photographs.

    python demo/image_demo.py IMG [IMG ...] CONFIG CHECKPOINT --out-csv aus.csv

IMG may also be a folder or a glob pattern (every image in it, as a
sequence). One CSV row per photograph and face, naming the photograph in
its ``input`` column; faces are numbered within each photograph, largest
first; a photograph without a face gets one row that says so.
``--out-dir`` also saves each face drawn with its landmarks, 8 judgment
regions and AU probabilities.
"""
import argparse
import os
import os.path as osp

from mmfau.apis import (
    FaceAUInferencer,
    face_to_data_sample,
    init_model,
    model_input_size,
    write_csv,
)
from mmfau.deployment import add_runtime_arguments, build_runtime
from mmfau.landmarks import add_landmark_arguments, landmark_config_from_args
from mmfau.utils import exit_on_user_error
from mmfau.visualization import FAUVisualizer


def parse_args():
    parser = argparse.ArgumentParser(description='AU detection on images')
    parser.add_argument('images', nargs='+',
                        help='image files, folders or glob patterns')
    parser.add_argument('config', help='model config')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument('--out-csv', default='aus.csv', help='CSV of AUs')
    parser.add_argument('--out-dir', help='folder for drawn faces')
    parser.add_argument('--device', default='cpu', help='cpu, cuda, ...')
    add_landmark_arguments(parser, 'dlib', '<image file name>')
    parser.add_argument('--batch-size', type=int, default=16)
    add_runtime_arguments(parser)
    return parser.parse_args()


def main():
    args = parse_args()
    model = init_model(args.config, args.checkpoint, args.device)
    runtime = build_runtime(args.runtime, model, args.onnx,
                            model_input_size(model))
    inferencer = FaceAUInferencer(model, landmark_config_from_args(args),
                                  args.batch_size, runtime=runtime)
    frames = inferencer(args.images, return_crops=args.out_dir is not None)
    rows = write_csv(frames, inferencer.au_names, args.out_csv)
    print(f'{rows} rows for {len(frames)} images written to {args.out_csv}')
    if args.out_dir:
        os.makedirs(args.out_dir, exist_ok=True)
        visualizer = FAUVisualizer(au_names=inferencer.au_names)
        for frame in frames:
            stem = osp.splitext(osp.basename(frame['input']))[0]
            if frame['kind'] != 'image':
                stem += f'_{frame["frame"]:05d}'
            for face in frame['faces']:
                sample = face_to_data_sample(face)
                out = osp.join(args.out_dir, f'{stem}_face{face["id"]}.png')
                visualizer.add_datasample(
                    out, face['crop'][..., ::-1], sample, out_file=out)
                print(f'wrote {out}')


if __name__ == '__main__':
    exit_on_user_error(main)
