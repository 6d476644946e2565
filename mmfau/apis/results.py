"""Per-frame, per-face AU results as table rows, CSV files and per-face
summaries."""
import csv
import os
import os.path as osp
from typing import Dict, Iterable, List, Sequence, Tuple

import numpy as np

#: The columns before the AU columns, documented in the README.
FRAME_COLUMNS = ('input', 'frame', 'time', 'face_id', 'face', 'x1', 'y1',
                 'x2', 'y2', 'face_score')


def csv_columns(au_names: Sequence[str],
                intensity: bool = False) -> List[str]:
    """Frame and face columns, then each AU's probability and presence,
    and with ``intensity`` its estimated intensity (``AU12_intensity``)."""
    return (list(FRAME_COLUMNS) + [f'{name}_prob' for name in au_names] +
            list(au_names) +
            ([f'{name}_intensity' for name in au_names] if intensity else []))


def results_to_rows(frames: Iterable[dict],
                    au_names: Sequence[str]) -> Iterable[dict]:
    """One row per frame and face; a frame without a face gives one row
    with ``face`` 0 and empty face columns, so no frame goes missing.

    Args:
        frames (Iterable[dict]): From :class:`FaceAUInferencer`.
        au_names (Sequence[str]): AU names in the order of the scores.

    Yields:
        dict: Column -> value, columns as :func:`csv_columns`.
    """
    frames = list(frames)
    columns = csv_columns(au_names, _has_intensity(frames))
    for frame in frames:
        base = dict.fromkeys(columns, '')
        base.update(input=frame['input'], frame=frame['frame'],
                    time=f'{frame["time"]:.3f}')
        if not frame['faces']:
            yield dict(base, face=0)
            continue
        for face in frame['faces']:
            row = dict(base, face_id=face['id'], face=1,
                       face_score=f'{face["score"]:.3f}')
            row.update(zip(('x1', 'y1', 'x2', 'y2'),
                           (f'{v:.1f}' for v in face['box'])))
            for name, score, present in zip(au_names, face['scores'],
                                            face['present']):
                row[f'{name}_prob'] = f'{score:.4f}'
                row[name] = int(present)
            for name, level in zip(au_names, face.get('intensity', ())):
                row[f'{name}_intensity'] = f'{level:.3f}'
            yield row


def _has_intensity(frames: List[dict]) -> bool:
    """Whether the model estimated intensities."""
    return any('intensity' in face for frame in frames
               for face in frame['faces'])


def _write(rows: Iterable[dict], columns: List[str], path: str) -> int:
    folder = osp.dirname(osp.abspath(path))
    os.makedirs(folder, exist_ok=True)
    count = 0
    with open(path, 'w', newline='') as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def write_csv(frames: Iterable[dict], au_names: Sequence[str],
              path: str) -> int:
    """Write :func:`results_to_rows` to a CSV file; returns the row count."""
    frames = list(frames)
    return _write(results_to_rows(frames, au_names),
                  csv_columns(au_names, _has_intensity(frames)), path)


#: The columns of a per-face summary before the AU columns.
SUMMARY_COLUMNS = ('input', 'face_id', 'frames', 'first_time', 'last_time')


def summary_columns(au_names: Sequence[str]) -> List[str]:
    """Face columns, each AU's mean probability and share of frames
    present."""
    return (list(SUMMARY_COLUMNS) + [f'{n}_mean_prob' for n in au_names] +
            [f'{n}_present_share' for n in au_names])


def summarize_faces(frames: Iterable[dict],
                    au_names: Sequence[str]) -> List[dict]:
    """One row per person of each input: the frames the face was seen in,
    when, each AU's mean probability and the share of those frames in which
    the model called it present.

    Args:
        frames (Iterable[dict]): From :class:`FaceAUInferencer`.
        au_names (Sequence[str]): AU names in the order of the scores.

    Returns:
        list[dict]: Rows as :func:`summary_columns`, by input and face id.
    """
    seen: Dict[Tuple[str, int], dict] = {}
    for frame in frames:
        for face in frame['faces']:
            entry = seen.setdefault((frame['input'], face['id']),
                                    dict(times=[], scores=[], present=[]))
            entry['times'].append(frame['time'])
            entry['scores'].append(face['scores'])
            entry['present'].append(face['present'])
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


def write_summary(frames: Iterable[dict], au_names: Sequence[str],
                  path: str) -> int:
    """Write :func:`summarize_faces` to a CSV file; returns the row count."""
    return _write(summarize_faces(frames, au_names),
                  summary_columns(au_names), path)


def face_to_data_sample(face: dict):
    """A data sample of one inferred face (aligned landmarks, region boxes
    and AU probabilities), for :class:`mmfau.visualization.FAUVisualizer`."""
    import torch

    from mmfau.structures import FAUDataSample
    sample = FAUDataSample().set_region_boxes(face['region_boxes'])
    sample.set_field(
        torch.as_tensor(face['crop_landmarks']), 'landmarks')
    sample.set_pred_score(face['scores'], face['threshold'])
    return sample
