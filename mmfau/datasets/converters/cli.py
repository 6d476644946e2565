"""The command-line options the converters share."""
import argparse

from .pipeline import detector_config


def add_landmark_arguments(parser: argparse.ArgumentParser, default: str,
                           key_example: str) -> None:
    """``--landmarks`` (backend) and ``--landmark-file`` options, which
    :func:`detector_config` turns into a detector config.

    Args:
        parser (ArgumentParser): The tool's parser.
        default (str): Default backend: 'fan', 'dlib' or 'file'.
        key_example (str): How a landmark file names a frame, for the help.
    """
    parser.add_argument(
        '--landmarks', default=default, choices=['fan', 'dlib', 'file'],
        help='landmark backend: FAN (downloads its weights once), dlib '
        '(offline, pip install -e .[dlib]) or a file of your own')
    parser.add_argument(
        '--landmark-file',
        help=f'with --landmarks file: JSON mapping "{key_example}" to 68 '
        '[x, y] points (or null when there is no face)')


def add_conversion_arguments(parser: argparse.ArgumentParser,
                             key_example: str) -> None:
    """Landmark backend, crop size, processes, batch and subject options.

    Args:
        parser (ArgumentParser): The converter's parser.
        key_example (str): How a landmark file names a frame, for the help.
    """
    add_landmark_arguments(parser, 'fan', key_example)
    parser.add_argument('--size', type=int, default=256, help='crop side')
    parser.add_argument('--workers', type=int, default=4,
                        help='processes (0: this one)')
    parser.add_argument('--batch-size', type=int, default=16,
                        help='frames per landmark-detector call')
    parser.add_argument('--subjects', nargs='+', help='only these subjects')


def conversion_kwargs(args: argparse.Namespace) -> dict:
    """Keyword arguments of :func:`convert` from the shared options."""
    return dict(
        detector_cfg=detector_config(args.landmarks, args.landmark_file),
        size=args.size,
        workers=args.workers,
        batch_size=args.batch_size)
