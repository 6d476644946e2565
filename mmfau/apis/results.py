"""Per-frame, per-face AU results as table rows and CSV files."""
import csv
import os
import os.path as osp
from typing import Iterable, List, Sequence


def csv_columns(au_names: Sequence[str]) -> List[str]:
    """frame, time, face_id, face, x1..y2, AU probabilities, AU presence."""
    return (['frame', 'time', 'face_id', 'face', 'x1', 'y1', 'x2', 'y2'] +
            [f'{name}_prob' for name in au_names] + list(au_names))


def results_to_rows(frames: Iterable[dict],
                    au_names: Sequence[str]) -> Iterable[dict]:
    """One row per frame and face; a frame without a face gives one row
    with ``face`` 0 and empty AU columns, so no frame goes missing.

    Args:
        frames (Iterable[dict]): From :class:`FaceAUInferencer`.
        au_names (Sequence[str]): AU names in the order of the scores.

    Yields:
        dict: Column -> value, columns as :func:`csv_columns`.
    """
    columns = csv_columns(au_names)
    for frame in frames:
        base = dict.fromkeys(columns, '')
        base.update(frame=frame['frame'], time=f'{frame["time"]:.3f}')
        if not frame['faces']:
            yield dict(base, face=0)
            continue
        for face in frame['faces']:
            row = dict(base, face_id=face['id'], face=1)
            row.update(zip(('x1', 'y1', 'x2', 'y2'),
                           (f'{v:.1f}' for v in face['box'])))
            for name, score, present in zip(au_names, face['scores'],
                                            face['present']):
                row[f'{name}_prob'] = f'{score:.4f}'
                row[name] = int(present)
            yield row


def write_csv(frames: Iterable[dict], au_names: Sequence[str],
              path: str) -> int:
    """Write :func:`results_to_rows` to a CSV file; returns the row count."""
    folder = osp.dirname(osp.abspath(path))
    os.makedirs(folder, exist_ok=True)
    count = 0
    with open(path, 'w', newline='') as f:
        writer = csv.DictWriter(f, fieldnames=csv_columns(au_names))
        writer.writeheader()
        for row in results_to_rows(frames, au_names):
            writer.writerow(row)
            count += 1
    return count


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
