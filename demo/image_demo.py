"""AU detection on photographs.

    python demo/image_demo.py IMG [IMG ...] CONFIG CHECKPOINT --out-csv aus.csv

IMG may also be a folder or a glob pattern: every image in it, each a
photograph of its own (``--sequence``: the frames of one sequence, faces
tracked across them); an animated GIF, WebP or PNG is read whole, its
frames as a video. One CSV row per photograph and face, naming the
photograph in its ``input`` column; faces are numbered within each
photograph, largest first; a photograph without a face gets one row that
says so.
``--out-dir`` also saves each face drawn with its landmarks, 8 judgment
regions and AU probabilities.

Every input and output is checked before the first image: a missing path
or a link loop gets its own row (``status`` ``missing``, ``link_loop``),
never an end to the others; no output may name an input, and no two runs
may write the same file. Rows are written as images are done, into a file
beside the CSV moved into place at the end, so an earlier CSV is replaced
whole or kept; a photograph that cannot be read costs only its own row
(``status`` ``unreadable``, a warning, exit status 3), and Ctrl-C keeps
every row done (exit status 130).
"""
import argparse
import os
import os.path as osp
import sys

from mmfau.apis import FaceAUInferencer, face_to_data_sample, init_model
from mmfau.apis.result_stream import ResultStream
from mmfau.deployment import build_runtime
from mmfau.structures import FrameResult
from mmfau.utils import (
    StopRequest,
    check_output_file,
    claim_outputs,
    exit_on_user_error,
    replace_with,
)
from mmfau.visualization import FAUVisualizer

sys.path.insert(0, osp.join(osp.dirname(osp.dirname(osp.abspath(__file__))),
                            'tools'))
from cli_options import (  # noqa: E402
    add_batch_size_argument,
    add_landmark_arguments,
    add_runtime_arguments,
    check_option_combinations,
    files_read,
    landmark_config_from_args,
    one_line_errors,
)


def parse_args():
    parser = argparse.ArgumentParser(description='AU detection on images')
    one_line_errors(parser)
    parser.add_argument('images', nargs='+',
                        help='image files, folders or glob patterns')
    parser.add_argument('config', help='model config')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument('--out-csv', default='aus.csv', help='CSV of AUs')
    parser.add_argument('--out-dir', help='folder for drawn faces')
    parser.add_argument('--sequence', action='store_true',
                        help='a folder or glob pattern is one image sequence '
                        '(faces tracked) instead of separate photographs')
    parser.add_argument('--device', default='cpu', help='cpu, cuda, ...')
    add_landmark_arguments(parser, 'dlib', '<image file name>')
    add_batch_size_argument(parser)
    add_runtime_arguments(parser)
    args = parser.parse_args()
    check_option_combinations(parser, args)
    return args


def _check_out_dir(out_dir: str, inputs) -> None:
    """The drawn faces' folder can be written and is none of the input
    folders (whose images a later run would read as photographs)."""
    check_output_file(osp.join(out_dir, 'face.png'), '--out-dir')
    for item in inputs:
        if osp.isdir(item) and osp.samefile(item, out_dir):
            raise ValueError(f'{out_dir} (--out-dir) is an input folder: '
                             'the drawn faces would be read as photographs '
                             'by the next run; choose another folder.')


def _draw_faces(frame: FrameResult, visualizer: FAUVisualizer,
                out_dir: str) -> None:
    stem = osp.splitext(osp.basename(frame.input))[0]
    if frame.kind != 'image':
        stem += f'_{frame.frame:05d}'
    for face in frame.faces:
        out = osp.join(out_dir, f'{stem}_face{face.id}.png')
        crop, face.crop = face.crop, None  # drawn, then let go
        replace_with(out, lambda path: visualizer.add_datasample(
            out, crop[..., ::-1], face_to_data_sample(face), out_file=path))
        print(f'wrote {out}')


def main():
    args = parse_args()
    with claim_outputs({'--out-csv': args.out_csv},
                       files_read(args, args.images)):
        if args.out_dir:
            _check_out_dir(args.out_dir, args.images)
            os.makedirs(args.out_dir, exist_ok=True)
        model = init_model(args.config, args.checkpoint, args.device)
        inferencer = FaceAUInferencer(
            model, landmark_config_from_args(args), args.batch_size,
            runtime=build_runtime(args.runtime, model, args.onnx))
        visualizer = FAUVisualizer(au_names=inferencer.au_names)
        with StopRequest() as stop:
            stream = ResultStream(args.out_csv, inferencer.au_names,
                                  inferencer.estimates_intensity)
            frames = inferencer.iterate(
                args.images, return_crops=args.out_dir is not None,
                sequence=args.sequence, stop=lambda: stop.requested)
            stream.consume(frames, stop, (lambda frame: _draw_faces(
                frame, visualizer, args.out_dir)) if args.out_dir else None)
        print(f'{stream.writer.rows} rows for {len(stream.frames)} images '
              f'written to {args.out_csv}')
        sys.exit(stream.exit_code(stop))


if __name__ == '__main__':
    exit_on_user_error(main)
