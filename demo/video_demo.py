"""AU detection on a video, an image sequence or a camera.

    python demo/video_demo.py VIDEO CONFIG CHECKPOINT --out-csv aus.csv \
        [--out-summary faces.csv] [--out-video annotated.mp4] \
        [--heatmap heatmap.png] [--summary-plot faces.png]
    python demo/video_demo.py --camera 0 CONFIG CHECKPOINT --max-frames 300

VIDEO is any file OpenCV opens (.mp4, .mov, .avi, .wmv, .mpg, .flv, ...,
with or without an extension), a folder of frames or a glob pattern. One
CSV row per frame and face: input, frame, time, face id (the same person
keeps it across frames), box, each AU's probability and presence; a frame
without a face gets one row that says so (``status``: ``ok``, ``no_face``,
``unreadable``, ``truncated``).

Every output path is checked before the first frame. Rows are written as
frames are done, so Ctrl-C or SIGTERM leaves a valid CSV with every frame
done, the summary and plots of what was read and a closed video, and exits
with status 130; a run that could not read some input exits with 3.
"""
import argparse
import os.path as osp
import sys

import cv2

from mmfau.apis import (
    FaceAUInferencer,
    init_model,
    summarize_faces,
    write_summary,
)
from mmfau.apis.result_stream import ResultStream
from mmfau.deployment import build_runtime
from mmfau.utils import check_output_file, exit_on_user_error
from mmfau.visualization import draw_frame, plot_au_heatmap, plot_face_summary

sys.path.insert(0, osp.join(osp.dirname(osp.dirname(osp.abspath(__file__))),
                            'tools'))
from cli_options import (  # noqa: E402
    add_landmark_arguments,
    add_runtime_arguments,
    landmark_config_from_args,
)


def parse_args():
    parser = argparse.ArgumentParser(description='AU detection on videos')
    parser.add_argument('video', nargs='?',
                        help='video file, folder of frames or glob pattern')
    parser.add_argument('config', help='model config')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument('--camera', type=int, help='camera index instead '
                        'of a video file')
    parser.add_argument('--max-frames', type=int,
                        help='stop after this many frames (cameras)')
    parser.add_argument('--out-csv', default='aus.csv', help='CSV of AUs')
    parser.add_argument('--out-summary', help='CSV with one row per face: '
                        'frames seen, mean probability and share of frames '
                        'present per AU')
    parser.add_argument('--out-video', help='annotated video (.mp4/.avi)')
    parser.add_argument('--heatmap', help='PNG of AUs over time, one per '
                        'face seen in at least --min-frames frames '
                        '(<name>_face<id>.png)')
    parser.add_argument('--summary-plot', help='PNG of the per-face summary')
    parser.add_argument('--min-frames', type=int, default=10,
                        help='faces seen in fewer frames get no heatmap')
    parser.add_argument('--device', default='cpu', help='cpu, cuda, ...')
    add_landmark_arguments(parser, 'dlib', '<video file name>/<frame>')
    parser.add_argument('--batch-size', type=int, default=16)
    add_runtime_arguments(parser)
    parser.add_argument(
        '--redetect-every', type=int, default=10,
        help='run the face detector every N frames; in between follow the '
        'faces with the landmark stage alone (1: detect every frame)')
    args = parser.parse_args()
    if (args.video is None) == (args.camera is None):
        parser.error('give a VIDEO file or --camera INDEX (one of them)')
    return args


def _writer(path: str, image, fps: float):
    fourcc = cv2.VideoWriter_fourcc(
        *('mp4v' if path.lower().endswith('.mp4') else 'MJPG'))
    writer = cv2.VideoWriter(path, fourcc, fps, image.shape[1::-1])
    if not writer.isOpened():
        raise ValueError(f'{path} (--out-video): OpenCV cannot write a '
                         'video there; use .mp4 or .avi.')
    return writer


def _fps(frame: dict, source) -> float:
    """Frames per second of a video file; 30 for cameras and sequences."""
    if frame.kind != 'video':
        return 30.0
    capture = cv2.VideoCapture(str(source))
    fps = capture.get(cv2.CAP_PROP_FPS)
    capture.release()
    return fps if fps and 0 < fps < 1000 else 30.0


def _check_outputs(args) -> None:
    for option in ('out_csv', 'out_summary', 'out_video', 'heatmap',
                   'summary_plot'):
        path = getattr(args, option)
        if path:
            check_output_file(path, '--' + option.replace('_', '-'))


def _run(inferencer, source, args, stream: ResultStream) -> None:
    """Write every frame's rows (and drawing) as it comes; stops early at
    --max-frames or on Ctrl-C / SIGTERM."""
    writer = None
    try:
        with stream:
            for frame in inferencer.iterate(source, return_images=True,
                                            sequence=True):
                image, frame.image = frame.image, None
                stream.add(frame)
                if args.out_video and image is not None:
                    if writer is None:
                        writer = _writer(args.out_video, image,
                                         _fps(frame, source))
                    writer.write(draw_frame(image, frame.faces,
                                            inferencer.au_names))
                if stream.stop_requested or (
                        args.max_frames
                        and len(stream.frames) >= args.max_frames):
                    break
    finally:
        if writer is not None:
            writer.release()
            print(f'wrote {args.out_video}')


def main():
    args = parse_args()
    _check_outputs(args)
    model = init_model(args.config, args.checkpoint, args.device)
    runtime = build_runtime(args.runtime, model, args.onnx)
    inferencer = FaceAUInferencer(
        model, landmark_config_from_args(args), args.batch_size,
        redetect_every=args.redetect_every, runtime=runtime)
    source = args.camera if args.camera is not None else args.video
    names = inferencer.au_names
    stream = ResultStream(args.out_csv, names, inferencer.estimates_intensity)
    _run(inferencer, source, args, stream)
    frames = stream.frames
    print(f'{stream.writer.rows} rows for {len(frames)} frames written to '
          f'{args.out_csv}')
    if args.out_summary:
        count = write_summary(frames, names, args.out_summary)
        print(f'{count} faces summarised in {args.out_summary}')
    summary = summarize_faces(frames, names)
    if args.summary_plot and summary:
        plot_face_summary(summary, names, args.summary_plot)
        print(f'wrote {args.summary_plot}')
    if args.heatmap:
        stem, ext = osp.splitext(args.heatmap)
        for row in summary:
            if row['frames'] >= args.min_frames:
                out = f'{stem}_face{row["face_id"]}{ext or ".png"}'
                plot_au_heatmap(frames, names, out, row['face_id'])
                print(f'wrote {out}')
    sys.exit(stream.exit_code())


if __name__ == '__main__':
    exit_on_user_error(main)
