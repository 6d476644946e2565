"""Per-frame, per-face AU results as table rows, CSV files and per-face
summaries."""
import csv
import os
import os.path as osp
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np

from mmfau.structures import FaceResult, FrameResult
from mmfau.utils import partial_path

#: The columns before the AU columns, documented in the README.
FRAME_COLUMNS = ('input', 'frame', 'time', 'status', 'face_id', 'face',
                 'x1', 'y1', 'x2', 'y2', 'face_score')


def csv_columns(au_names: Sequence[str],
                intensity: bool = False,
                calibrated: bool = False) -> List[str]:
    """Frame and face columns, then each AU's probability and presence,
    and with ``intensity`` its estimated intensity (``AU12_intensity``);
    with ``calibrated``, whether the face was judged against the person's
    own baseline and from how many frames (``calibrated``,
    ``calibration_frames``), then the same AU columns so judged
    (``AU12_prob_calibrated``, ``AU12_calibrated``,
    ``AU12_intensity_calibrated``)."""
    columns = (list(FRAME_COLUMNS) + [f'{name}_prob' for name in au_names] +
               list(au_names) +
               ([f'{name}_intensity' for name in au_names]
                if intensity else []))
    if calibrated:
        columns += ['calibrated', 'calibration_frames'] + [
            f'{column}_calibrated'
            for column in columns[len(FRAME_COLUMNS):]]
    return columns


def frame_rows(frame: FrameResult, au_names: Sequence[str],
               columns: Sequence[str]) -> List[dict]:
    """The rows of one frame: one per face, or one with ``face`` 0 and
    empty face columns when the frame has no face (its ``status`` says
    why), so no frame goes missing.

    Args:
        frame (FrameResult): From :class:`FaceAUInferencer`.
        au_names (Sequence[str]): AU names in the order of the scores.
        columns (Sequence[str]): From :func:`csv_columns`.

    Returns:
        list[dict]: Column -> value.
    """
    base = dict.fromkeys(columns, '')
    base.update(input=frame.input, frame=frame.frame,
                time=f'{frame.time:.3f}', status=frame.status)
    if not frame.faces:
        return [dict(base, face=0)]
    rows = []
    for face in frame.faces:
        row = dict(base, face_id=face.id, face=1,
                   face_score=f'{face.face_score:.3f}')
        row.update(zip(('x1', 'y1', 'x2', 'y2'),
                       (f'{v:.1f}' for v in face.box)))
        _au_cells(row, au_names, face.probabilities, face.present,
                  face.intensity)
        if 'calibrated' in base:
            calibrated = face.calibrated
            row.update(calibrated=int(calibrated is not None),
                       calibration_frames=calibrated.frames
                       if calibrated is not None else 0)
            if calibrated is not None:
                _au_cells(row, au_names, calibrated.probabilities,
                          calibrated.present, calibrated.intensity,
                          '_calibrated')
        rows.append(row)
    return rows


def _au_cells(row: dict, au_names: Sequence[str], probabilities,
              present, intensity, suffix: str = '') -> None:
    """A face's AU columns: probability, presence and intensity."""
    for name, score, is_present in zip(au_names, probabilities, present):
        row[f'{name}_prob{suffix}'] = f'{score:.4f}'
        row[f'{name}{suffix}'] = int(is_present)
    for name, level in zip(au_names, () if intensity is None else intensity):
        row[f'{name}_intensity{suffix}'] = f'{level:.3f}'


def results_to_rows(frames: Iterable[FrameResult],
                    au_names: Sequence[str]) -> Iterable[dict]:
    """:func:`frame_rows` of every frame.

    Args:
        frames (Iterable[FrameResult]): From :class:`FaceAUInferencer`.
        au_names (Sequence[str]): AU names in the order of the scores.

    Yields:
        dict: Column -> value, columns as :func:`csv_columns`.
    """
    frames = list(frames)
    columns = csv_columns(au_names, *_carried(frames))
    for frame in frames:
        yield from frame_rows(frame, au_names, columns)


def _carried(frames: List[FrameResult]) -> Tuple[bool, bool]:
    """Whether the results carry intensities, and calibrated values."""
    faces = [face for frame in frames for face in frame.faces]
    return (any(face.intensity is not None for face in faces),
            any(face.calibrated is not None for face in faces))


class FrameCSVWriter:
    """Write result rows as the frames come, each frame's rows flushed at
    once, into a file beside ``path`` (:func:`~mmfau.utils.partial_path`)
    that :meth:`close` moves into place: ``path`` is never cut, a run
    stopped any way but ``kill -9`` leaves a valid CSV there with the header
    and whole rows of every frame done, and a killed one leaves the partial
    file beside ``path`` (and ``path`` as it was).

    Args:
        path (str): The CSV file (its folder is made).
        au_names (Sequence[str]): AU names in the order of the scores.
        intensity (bool): Whether results carry intensities (columns
            ``AU12_intensity``).
        calibrated (bool): Whether results may carry calibrated values
            (the columns of :func:`csv_columns` with ``calibrated``).
        columns (Sequence[str], optional): Other columns than
            :func:`csv_columns`, e.g. :func:`summary_columns`.
    """

    def __init__(self,
                 path: str,
                 au_names: Sequence[str],
                 intensity: bool = False,
                 calibrated: bool = False,
                 columns: Optional[Sequence[str]] = None) -> None:
        os.makedirs(osp.dirname(osp.abspath(path)), exist_ok=True)
        self.path = path
        self.au_names = list(au_names)
        self.columns = list(columns or csv_columns(au_names, intensity,
                                                   calibrated))
        self.rows = 0
        self._partial = partial_path(path)
        self._file = open(self._partial, 'w', newline='')
        self._writer = csv.DictWriter(self._file, fieldnames=self.columns)
        self._writer.writeheader()
        self._file.flush()

    def write_frame(self, frame: FrameResult) -> int:
        """Write one frame's rows; returns how many."""
        return self.write_rows(frame_rows(frame, self.au_names,
                                          self.columns))

    def write_rows(self, rows: Iterable[dict]) -> int:
        """Write ready rows; returns how many."""
        count = 0
        for row in rows:
            self._writer.writerow(row)
            count += 1
        self._file.flush()
        self.rows += count
        return count

    def close(self) -> None:
        """Close the file and move it into place (once)."""
        if not self._file.closed:
            self._file.close()
            os.replace(self._partial, self.path)

    def discard(self) -> None:
        """Close the file and remove it: ``path`` stays as it was."""
        if not self._file.closed:
            self._file.close()
            os.remove(self._partial)

    def __enter__(self) -> 'FrameCSVWriter':
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def write_csv(frames: Iterable[FrameResult], au_names: Sequence[str],
              path: str) -> int:
    """Write :func:`results_to_rows` to a CSV file; returns the row count."""
    frames = list(frames)
    with FrameCSVWriter(path, au_names, *_carried(frames)) as writer:
        for frame in frames:
            writer.write_frame(frame)
    return writer.rows


#: The columns of a per-face summary before the AU columns.
SUMMARY_COLUMNS = ('input', 'face_id', 'frames', 'first_time', 'last_time')


def summary_columns(au_names: Sequence[str]) -> List[str]:
    """Face columns, each AU's mean probability and share of frames
    present."""
    return (list(SUMMARY_COLUMNS) + [f'{n}_mean_prob' for n in au_names] +
            [f'{n}_present_share' for n in au_names])


def summarize_faces(frames: Iterable[FrameResult],
                    au_names: Sequence[str]) -> List[dict]:
    """One row per person of each input: the frames the face was seen in,
    when, each AU's mean probability and the share of those frames in which
    the model called it present.

    Args:
        frames (Iterable[FrameResult]): From :class:`FaceAUInferencer`.
        au_names (Sequence[str]): AU names in the order of the scores.

    Returns:
        list[dict]: Rows as :func:`summary_columns`, by input and face id.
    """
    seen: Dict[Tuple[str, int], dict] = {}
    for frame in frames:
        for face in frame.faces:
            entry = seen.setdefault((frame.input, face.id),
                                    dict(times=[], scores=[], present=[]))
            entry['times'].append(frame.time)
            entry['scores'].append(face.probabilities)
            entry['present'].append(face.present)
    rows = []
    for (source, face_id), entry in sorted(seen.items()):
        scores = np.mean(entry['scores'], axis=0)
        present = np.mean(entry['present'], axis=0)
        row = dict(input=source, face_id=face_id, frames=len(entry['times']),
                   first_time=f'{min(entry["times"]):.3f}',
                   last_time=f'{max(entry["times"]):.3f}')
        for name, score, share in zip(au_names, scores, present):
            row[f'{name}_mean_prob'] = f'{score:.4f}'
            row[f'{name}_present_share'] = f'{share:.4f}'
        rows.append(row)
    return rows


def write_summary(frames: Iterable[FrameResult], au_names: Sequence[str],
                  path: str) -> int:
    """Write :func:`summarize_faces` to a CSV file; returns the row count."""
    with FrameCSVWriter(path, au_names,
                        columns=summary_columns(au_names)) as writer:
        return writer.write_rows(summarize_faces(frames, au_names))


def face_to_data_sample(face: FaceResult):
    """A data sample of one inferred face (aligned landmarks, region boxes
    and AU probabilities), for :class:`mmfau.visualization.FAUVisualizer`."""
    import torch

    from mmfau.structures import FAUDataSample
    sample = FAUDataSample().set_region_boxes(face.region_boxes)
    sample.set_field(
        torch.as_tensor(face.crop_landmarks), 'landmarks')
    sample.set_pred_score(face.probabilities, face.threshold)
    return sample
