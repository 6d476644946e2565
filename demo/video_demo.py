"""AU detection on a video, an animated image, an image sequence or a
camera.

    python demo/video_demo.py VIDEO CONFIG CHECKPOINT --out-csv aus.csv \
        [--out-summary faces.csv] [--out-video annotated.mp4] \
        [--heatmap heatmap.png] [--summary-plot faces.png]
    python demo/video_demo.py --camera 0 CONFIG CHECKPOINT --max-frames 300

VIDEO is any file OpenCV opens (.mp4, .mov, .avi, .wmv, .mpg, .flv, ...,
with or without an extension), an animated GIF, WebP or PNG, a folder of
frames or a glob pattern. One CSV row per frame and face: input, frame,
time, face id (the same person keeps it across frames), box, each AU's
probability and presence; a frame without a face gets one row that says so
(``status``: ``ok``, ``no_face``, ``unreadable``, ``truncated``, ...).
``--calibrate offline`` (or ``online``) also judges each person's AUs
against that person's own usual face, in columns beside the raw ones.

Every option and output is checked before the first frame: no output may
name an input, and no two runs may write the same file (the second is
refused, naming the first's process). Each output is written beside its
final name and moved into place when done, so an earlier file of that name
is replaced whole or kept as it was. Ctrl-C or SIGTERM keeps every frame
already scored, writes the summary and plots of what was read and exits
with 130 or 143 (a second Ctrl-C stops at once, still writing them); a run
that could not read or look at some input or frame exits with 3.
"""
import argparse
import os
import os.path as osp
import sys

from mmfau.apis import (
    FaceAUInferencer,
    init_model,
    summarize_faces,
    write_summary,
)
from mmfau.apis.result_stream import ResultStream
from mmfau.deployment import build_runtime
from mmfau.faces import OK, iterate_frames
from mmfau.utils import (
    StopRequest,
    claim_outputs,
    exit_on_user_error,
    partial_path,
    replace_with,
)
from mmfau.visualization import (
    check_video_output,
    draw_frame,
    open_video_writer,
    plot_au_heatmap,
    plot_face_summary,
)

sys.path.insert(0, osp.join(osp.dirname(osp.dirname(osp.abspath(__file__))),
                            'tools'))
from cli_options import (  # noqa: E402
    add_batch_size_argument,
    add_calibration_arguments,
    add_landmark_arguments,
    add_runtime_arguments,
    camera_index,
    check_option_combinations,
    files_read,
    landmark_config_from_args,
    one_line_errors,
)


def parse_args():
    parser = argparse.ArgumentParser(description='AU detection on videos')
    one_line_errors(parser)
    parser.add_argument('video', nargs='?',
                        help='video file, animated image, folder of frames '
                        'or glob pattern')
    parser.add_argument('config', help='model config')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument('--camera', type=camera_index,
                        help='camera index (0, 1, ...) instead of a video')
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
    add_batch_size_argument(parser)
    add_runtime_arguments(parser)
    parser.add_argument(
        '--redetect-every', type=int, default=10,
        help='run the face detector every N frames; in between follow the '
        'faces with the landmark stage alone (1: detect every frame)')
    add_calibration_arguments(parser)
    args = parser.parse_args()
    if (args.video is None) == (args.camera is None):
        parser.error('give a VIDEO file or --camera INDEX (one of them)')
    if args.max_frames is not None and args.max_frames < 1:
        parser.error(f'argument --max-frames: {args.max_frames}: give 1 or '
                     'more')
    check_option_combinations(parser, args)
    return args


def _first_frame(source):
    """The source's first readable frame (its size and rate), or None."""
    frames = iterate_frames(source, mark_unreadable=True, sequence=True)
    try:
        return next((f for f in frames if f.status == OK), None)
    finally:
        frames.close()


def _fps(frame, source) -> float:
    """Frames per second of a video; 30 for cameras and sequences."""
    if frame.kind != 'video' or frame.frame != 0:
        return 30.0
    import cv2
    capture = cv2.VideoCapture(str(source))
    fps = capture.get(cv2.CAP_PROP_FPS)
    capture.release()
    return fps if fps and 0 < fps < 1000 else 30.0


class _AnnotatedVideo:
    """The drawn frames, written beside ``--out-video`` and moved into place
    when closed."""

    def __init__(self, path: str, first_frame, source) -> None:
        self.path = path
        size = first_frame.image.shape[1::-1]
        self._writer = open_video_writer(partial_path(path), size,
                                         _fps(first_frame, source),
                                         named=path)

    def write(self, image) -> None:
        self._writer.write(image)

    def close(self) -> None:
        self._writer.release()
        os.replace(partial_path(self.path), self.path)
        print(f'wrote {self.path}')


def _score(inferencer, source, args, stream: ResultStream,
           stop: StopRequest, video) -> None:
    """Write every frame's rows (and drawing) as it comes, until the input
    ends, --max-frames, or a stop request once the frames already scored
    are written (a second Ctrl-C: at once)."""
    # offline calibration holds an input's frames until it ends: the
    # frames are drawn in a second pass over the video
    drawn_as_read = args.calibrate != 'offline'
    frames = inferencer.iterate(source, return_images=drawn_as_read,
                                sequence=True, stop=lambda: stop.requested,
                                max_frames=args.max_frames)

    def draw(frame) -> None:  # the image is dropped once drawn
        image, frame.image = frame.image, None
        if video is not None and image is not None:
            video.write(draw_frame(image, frame.faces, inferencer.au_names))

    try:
        stream.consume(frames, stop, draw)
    finally:
        if video is not None:
            if not drawn_as_read:
                _draw_again(video, source, stream.frames, inferencer)
            video.close()


def _draw_again(video, source, results, inferencer) -> None:
    """The frames read again and drawn with their (calibrated) results."""
    by_index = {result.frame: result for result in results}
    frames = iterate_frames(source, mark_unreadable=True, sequence=True)
    try:
        for frame in frames:
            if frame.frame not in by_index:
                break
            if frame.image is not None:
                video.write(draw_frame(frame.image,
                                       by_index[frame.frame].faces,
                                       inferencer.au_names))
    finally:
        frames.close()


def _pictures(frames, names, args) -> None:
    """The per-face summary plot and the heatmaps that were asked for."""
    summary = summarize_faces(frames, names)
    if (args.summary_plot or args.heatmap) and not summary:
        print('warning: no face in any frame; --summary-plot and --heatmap '
              'not drawn', file=sys.stderr)
        return
    if args.summary_plot:
        replace_with(args.summary_plot,
                     lambda p: plot_face_summary(summary, names, p))
        print(f'wrote {args.summary_plot}')
    if args.heatmap:
        stem, ext = osp.splitext(args.heatmap)
        for row in summary:
            if row['frames'] >= args.min_frames:
                out = f'{stem}_face{row["face_id"]}{ext or ".png"}'
                replace_with(out, lambda p, face=row['face_id']:
                             plot_au_heatmap(frames, names, p, face))
                print(f'wrote {out}')


def main():
    args = parse_args()
    source = args.camera if args.camera is not None else args.video
    outputs = {'--out-csv': args.out_csv, '--out-summary': args.out_summary,
               '--out-video': args.out_video, '--heatmap': args.heatmap,
               '--summary-plot': args.summary_plot}
    with claim_outputs(outputs, files_read(args, source)):
        first = _first_frame(source) if args.out_video else None
        if first is not None:
            check_video_output(args.out_video, first.image.shape[1::-1])
        elif args.out_video:
            print(f'warning: {source}: no frame can be read; --out-video '
                  'not written', file=sys.stderr)
        model = init_model(args.config, args.checkpoint, args.device)
        inferencer = FaceAUInferencer(
            model, landmark_config_from_args(args), args.batch_size,
            redetect_every=args.redetect_every,
            runtime=build_runtime(args.runtime, model, args.onnx),
            calibration=args.calibrate,
            calibration_min_frames=args.calibrate_after)
        names = inferencer.au_names
        with StopRequest() as stop:
            stream = ResultStream(args.out_csv, names,
                                  inferencer.estimates_intensity,
                                  args.calibrate is not None)
            video = _AnnotatedVideo(args.out_video, first, source) \
                if first is not None else None
            _score(inferencer, source, args, stream, stop, video)
            frames = stream.frames
            print(f'{stream.writer.rows} rows for {len(frames)} frames '
                  f'written to {args.out_csv}')
            if args.out_summary:
                count = write_summary(frames, names, args.out_summary)
                print(f'{count} faces summarised in {args.out_summary}')
            _pictures(frames, names, args)
        sys.exit(stream.exit_code(stop))


if __name__ == '__main__':
    exit_on_user_error(main)
