"""AU detection on a video or a camera, with an AU timeline.

    python demo/video_demo.py VIDEO CONFIG CHECKPOINT --out-csv aus.csv \
        [--out-video annotated.mp4] [--timeline aus.png]
    python demo/video_demo.py --camera 0 CONFIG CHECKPOINT --max-frames 300

One CSV row per frame and face: frame, time, face id (the same person keeps
it across frames), box, each AU's probability and presence; a frame without
a face gets one row that says so.
"""
import argparse

import cv2

from mmfau.apis import FaceAUInferencer, init_model, write_csv
from mmfau.landmarks import add_landmark_arguments, landmark_config_from_args
from mmfau.utils import exit_on_user_error
from mmfau.visualization import draw_frame, plot_au_timeline


def parse_args():
    parser = argparse.ArgumentParser(description='AU detection on videos')
    parser.add_argument('video', nargs='?', help='video file')
    parser.add_argument('config', help='model config')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument('--camera', type=int, help='camera index instead '
                        'of a video file')
    parser.add_argument('--max-frames', type=int,
                        help='stop after this many frames (cameras)')
    parser.add_argument('--out-csv', default='aus.csv', help='CSV of AUs')
    parser.add_argument('--out-video', help='annotated video (.mp4/.avi)')
    parser.add_argument('--timeline', help='PNG of AU probabilities over '
                        'time for the most seen face')
    parser.add_argument('--device', default='cpu', help='cpu, cuda, ...')
    add_landmark_arguments(parser, 'dlib', '<video file name>/<frame>')
    parser.add_argument('--batch-size', type=int, default=16)
    parser.add_argument(
        '--redetect-every', type=int, default=10,
        help='run the face detector every N frames; in between follow the '
        'faces with the landmark network alone (1: detect every frame)')
    args = parser.parse_args()
    if (args.video is None) == (args.camera is None):
        parser.error('give a VIDEO file or --camera INDEX (one of them)')
    return args


def main():
    args = parse_args()
    model = init_model(args.config, args.checkpoint, args.device)
    inferencer = FaceAUInferencer(
        model,
        landmark_config_from_args(args, keep='all'),
        args.batch_size,
        redetect_every=args.redetect_every)
    source = args.camera if args.camera is not None else args.video
    frames = []
    writer = None
    for frame in inferencer.iterate(source, return_images=True):
        image = frame.pop('image')
        frames.append(frame)
        if args.out_video:
            if writer is None:
                fps = 30.0 if args.camera is not None else cv2.VideoCapture(
                    args.video).get(cv2.CAP_PROP_FPS) or 30.0
                fourcc = cv2.VideoWriter_fourcc(
                    *('mp4v' if args.out_video.endswith('.mp4') else 'MJPG'))
                writer = cv2.VideoWriter(args.out_video, fourcc, fps,
                                         image.shape[1::-1])
            writer.write(draw_frame(image, frame['faces'],
                                    inferencer.au_names))
        if args.max_frames and len(frames) >= args.max_frames:
            break
    if writer is not None:
        writer.release()
        print(f'wrote {args.out_video}')
    rows = write_csv(frames, inferencer.au_names, args.out_csv)
    print(f'{rows} rows for {len(frames)} frames written to {args.out_csv}')
    if args.timeline:
        face_id = plot_au_timeline(frames, inferencer.au_names, args.timeline)
        print(f'wrote {args.timeline} (face {face_id})')


if __name__ == '__main__':
    exit_on_user_error(main)
