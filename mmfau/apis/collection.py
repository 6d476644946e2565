"""Inference over a collection of photographs and videos: each input's
results in files of its own under an output folder, written whole when the
input is done, so that a rerun skips what is done and redoes the rest."""
import csv
import json
import os
import os.path as osp
import time
from dataclasses import asdict, dataclass, field
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Set

import cv2

from mmfau.faces import OK, SKIPPED
from mmfau.faces.input_paths import (
    IMAGE_EXTENSIONS,
    is_pattern,
    path_problem,
    pattern_files,
)
from mmfau.structures import FrameResult
from mmfau.utils import replace_with

from .results import FrameCSVWriter, write_summary

#: Extensions of the video files a folder is searched for (besides
#: :data:`~mmfau.faces.input_paths.IMAGE_EXTENSIONS`).
VIDEO_EXTENSIONS = ('.mp4', '.mov', '.avi', '.mkv', '.webm', '.wmv', '.mpg',
                    '.mpeg', '.m4v', '.flv', '.3gp', '.mts', '.ts')
#: Extensions of a text file that lists inputs, one path a line.
LIST_EXTENSIONS = ('.txt', '.lst', '.list')
#: The columns of the collection's index.
INDEX_COLUMNS = ('input', 'status', 'frames_read', 'frames_declared',
                 'faces', 'seconds', 'outputs', 'message')
#: The status of an input whose processing raised an error.
FAILED = 'failed'


@dataclass
class CollectionInput:
    """One input of a collection.

    Attributes:
        path (str): The file to read.
        name (str): Its path relative to the collection's root: the name of
            its outputs under the output folder.
    """
    path: str
    name: str


@dataclass
class InputRecord:
    """What became of one input: its row of the collection's index.

    Attributes:
        input (str): The input's path.
        status (str): ``ok`` (read whole), or the first status of
            :data:`mmfau.faces.SKIPPED` met (``missing``, ``unreadable``,
            ``truncated``, ...), or ``failed`` (an error, named in
            ``message``).
        frames_read (int): Frames read (with or without faces).
        frames_declared (int): Frames the file declares (1 for a photo).
        faces (int): People seen (face ids).
        seconds (float): Processing time.
        outputs (list[str]): Its output files, relative to the output
            folder.
        message (str): What went wrong, if anything.
    """
    input: str
    status: str
    frames_read: int = 0
    frames_declared: int = 0
    faces: int = 0
    seconds: float = 0.0
    outputs: List[str] = field(default_factory=list)
    message: str = ''

    def row(self) -> dict:
        """The index row: the outputs joined by ``;``."""
        row = asdict(self)
        row['outputs'] = ';'.join(self.outputs)
        row['seconds'] = f'{self.seconds:.2f}'
        return row


def collect_inputs(items: Sequence[str]) -> List[CollectionInput]:
    """Every input of a collection, in a fixed order, named by its path
    relative to the inputs' common folder (so that two files of one name
    in different folders never share outputs; a path added in another
    folder moves that common folder, and so every name).

    Args:
        items (Sequence[str]): Folders (searched recursively for images and
            videos), glob patterns, text files listing one path a line
            (``.txt``, ``.lst``, ``.list``; each line any of these,
            relative to the list's folder; blank lines and lines starting
            with ``#`` skipped; a list met again inside itself is read
            once), or files; a path that does not exist stays an input,
            reported as missing.

    Returns:
        list[CollectionInput]: Each file once.
    """
    paths: List[str] = []
    lists_read: Set[str] = set()
    for item in items:
        paths += _expand(item, lists_read)
    unique = list(dict.fromkeys(osp.abspath(p) for p in paths))
    if not unique:
        return []
    root = osp.commonpath([osp.dirname(p) for p in unique])
    return [CollectionInput(p, osp.relpath(p, root)) for p in unique]


def _expand(item: str, lists_read: Set[str]) -> List[str]:
    if osp.isdir(item):
        return sorted(osp.join(folder, name)
                      for folder, _, files in os.walk(item)
                      for name in files
                      if name.lower().endswith(IMAGE_EXTENSIONS +
                                               VIDEO_EXTENSIONS))
    if item.lower().endswith(LIST_EXTENSIONS) and osp.isfile(item):
        if osp.realpath(item) in lists_read:
            return []
        lists_read.add(osp.realpath(item))
        with open(item) as f:
            lines = [line.strip() for line in f]
        folder = osp.dirname(osp.abspath(item))
        return [path for line in lines if line and not line.startswith('#')
                for path in _expand(osp.join(folder, line), lists_read)]
    if is_pattern(item):
        return pattern_files(item, recursive=True) or [item]
    return [item]


def output_names(item: CollectionInput) -> Dict[str, str]:
    """The input's output files, relative to the output folder.

    Args:
        item (CollectionInput): The input.

    Returns:
        dict: ``frames``, its frame CSV; ``faces``, its per-face summary;
        ``record``, what became of it and from what (written last: the
        input is done once it exists).
    """
    return dict(frames=f'{item.name}.csv', faces=f'{item.name}.faces.csv',
                record=f'{item.name}.json')


def input_state(path: str) -> Optional[List[int]]:
    """What a later run compares to know that an input is the same file:
    its size and modification time (None when it cannot be read)."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns]


def done_record(item: CollectionInput, out_dir: str,
                settings: dict) -> Optional[InputRecord]:
    """The record of an input that a previous run finished from the same
    file with the same settings, its outputs in place; None when it is to
    be done (never done, ``failed``, the file or the settings changed
    since, or an output gone).

    Args:
        item (CollectionInput): The input.
        out_dir (str): The output folder.
        settings (dict): What the results depend on (model, runtime, face
            stage, calibration), as :func:`process_input` stores them.

    Returns:
        InputRecord | None
    """
    path = osp.join(out_dir, output_names(item)['record'])
    if not osp.isfile(path):
        return None
    with open(path) as f:
        stored = json.load(f)
    record = InputRecord(**stored['record'])
    if record.status == FAILED or stored['settings'] != settings or \
            stored['input_state'] != input_state(item.path):
        return None
    if all(osp.isfile(osp.join(out_dir, name)) for name in record.outputs):
        return record
    return None


def declared_frames(path: str) -> int:
    """The frames a file declares: an image's (1, or an animation's
    frames), a video's frame count (0 when it declares none)."""
    if path.lower().endswith(IMAGE_EXTENSIONS):
        from PIL import Image
        try:
            with Image.open(path) as image:
                return int(getattr(image, 'n_frames', 1))
        except Exception:  # not an image PIL reads
            return 1
    capture = cv2.VideoCapture(path)
    count = int(capture.get(cv2.CAP_PROP_FRAME_COUNT) or 0) \
        if capture.isOpened() else 0
    capture.release()
    return max(count, 0)


def process_input(inferencer,
                  item: CollectionInput,
                  out_dir: str,
                  settings: dict,
                  stop: Callable[[], bool] = lambda: False,
                  on_frame: Callable[[], object] = lambda: None
                  ) -> Optional[InputRecord]:
    """Run inference on one input and write its outputs under
    ``out_dir``: each written beside its final name and moved into place,
    the record last. Stopped (``stop()``, or Ctrl-C) before the end, it
    leaves no output of the input (the next run redoes it) and returns
    None (or lets the ``KeyboardInterrupt`` through).

    Args:
        inferencer (FaceAUInferencer): The model and face stage.
        item (CollectionInput): The input.
        out_dir (str): The output folder.
        settings (dict): What the results depend on, stored in the record
            for :func:`done_record` (plain JSON values).
        stop (Callable[[], bool]): Asked between batches.
        on_frame (Callable): Called after each frame (progress).

    Returns:
        InputRecord | None
    """
    start = time.perf_counter()
    state = input_state(item.path)  # before reading: a change redoes it
    names = output_names(item)
    paths = {key: osp.join(out_dir, name) for key, name in names.items()}
    problem = path_problem(item.path)
    if problem is not None:
        return _finish(InputRecord(item.path, problem.status,
                                   message=problem.message),
                       paths, settings, state)
    os.makedirs(osp.dirname(paths['frames']), exist_ok=True)
    writer = FrameCSVWriter(paths['frames'], inferencer.au_names,
                            inferencer.estimates_intensity,
                            inferencer.calibration is not None)
    frames: List[FrameResult] = []
    error = None
    try:
        for frame in inferencer.iterate(item.path, stop=stop):
            with inferencer.clock('write'):
                writer.write_frame(frame)
            frames.append(frame)
            on_frame()
    except Exception as err:  # a decoder or model error: this input's
        error = f'{type(err).__name__}: {err}'
    except BaseException:  # a second Ctrl-C: nothing of it is kept
        writer.discard()
        raise
    stopped = error is None and stop()
    if error is not None or stopped:
        writer.discard()
    if stopped:
        return None
    read = sum(f.status not in SKIPPED for f in frames)
    if error is not None:
        return _finish(InputRecord(
            item.path, FAILED, read, declared_frames(item.path),
            seconds=time.perf_counter() - start,
            message=f'{item.path}: {error}'), paths, settings, state)
    writer.close()
    write_summary(frames, inferencer.au_names, paths['faces'])
    skipped = [f for f in frames if f.status in SKIPPED]
    record = InputRecord(
        item.path, skipped[0].status if skipped else OK, read,
        declared_frames(item.path),
        len({face.id for f in frames for face in f.faces}),
        time.perf_counter() - start, [names['frames'], names['faces']],
        skipped[0].message if skipped else '')
    return _finish(record, paths, settings, state)


def _finish(record: InputRecord, paths: dict, settings: dict,
            state: Optional[List[int]]) -> InputRecord:
    """Write an input's record (with the settings and the input's state
    it was made from), the mark that it is done."""
    os.makedirs(osp.dirname(paths['record']), exist_ok=True)

    def write(path: str) -> None:
        with open(path, 'w') as f:
            json.dump(dict(record=asdict(record), settings=settings,
                           input_state=state), f, indent=1)

    replace_with(paths['record'], write)
    return record


def write_index(records: Iterable[InputRecord], path: str) -> None:
    """The collection's index: one row per input, in the collection's
    order, written beside ``path`` and moved into place."""
    def write(partial: str) -> None:
        with open(partial, 'w', newline='') as f:
            writer = csv.DictWriter(f, fieldnames=INDEX_COLUMNS)
            writer.writeheader()
            writer.writerows(record.row() for record in records)

    replace_with(path, write)

