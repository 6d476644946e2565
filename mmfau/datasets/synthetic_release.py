"""The built-in synthetic faces written as a copy of the BP4D release, to
try the converter and the converted-data loader without the licensed
data."""
import csv
import json
import os
import os.path as osp
from typing import Dict, List

import cv2

from mmfau.facs import UNKNOWN

from .converters.bp4d import (
    AU_OCC_COLUMNS,
    FRAME_ROOT_CANDIDATES,
    LABEL_DIR,
    RELEASE_CODES,
)
from .protocol import SUBJECT_PARTS
from .synthetic_dataset import SyntheticFaceDataset

#: mmfau's label -> the release's code.
_CODES = {label: code for code, label in RELEASE_CODES.items()}
#: Where the release keeps its frames (the converter looks there first).
_FRAMES_FOLDER = FRAME_ROOT_CANDIDATES[0]


def write_bp4d_release(root: str,
                       frames_per_subject: int = 100,
                       subjects_per_part: int = 1,
                       image_size: int = 256,
                       seed: int = 0) -> Dict[str, object]:
    """Write synthetic faces in the BP4D release's layout.

    Each subject is a BP4D subject of one of the protocol's three parts
    (the first ``subjects_per_part`` of each), with one task ``T1``:
    frames ``2D+3D/<subject>/T1/<frame>.jpg`` and labels
    ``AUCoding/AU_OCC/<subject>_T1.csv`` (1 present, 0 absent, 9 for the
    AUs the faces do not show). The drawn faces' 68 landmarks go to
    ``landmarks.json`` (keys ``<subject>/T1/<file name>``), which the
    converter reads with ``--landmarks file``.

    Args:
        root (str): Folder to write (created).
        frames_per_subject (int): Frames per subject, at least 1.
        subjects_per_part (int): Subjects in each of the parts P1-P3, 1 to
            13 (the smallest part's size).
        image_size (int): Side of each frame in pixels.
        seed (int): Seed of the drawn faces.

    Returns:
        dict: ``landmark_file`` (path) and ``subjects`` (names, in the
        order P1, P2, P3).
    """
    most = min(len(s) for s in SUBJECT_PARTS['BP4D'].values())
    if not 1 <= subjects_per_part <= most:
        raise ValueError(f'subjects_per_part must be 1 to {most} (BP4D\'s '
                         f'smallest part), got {subjects_per_part}.')
    if frames_per_subject < 1:
        raise ValueError('frames_per_subject must be at least 1, got '
                         f'{frames_per_subject}.')
    subjects: List[str] = [
        name for part in ('P1', 'P2', 'P3')
        for name in SUBJECT_PARTS['BP4D'][part][:subjects_per_part]
    ]
    faces = SyntheticFaceDataset(
        parts=('P1', 'P2', 'P3'), num_subjects=len(subjects),
        frames_per_subject=frames_per_subject, image_size=image_size,
        seed=seed)
    label_dir = osp.join(root, LABEL_DIR)
    os.makedirs(label_dir, exist_ok=True)
    landmarks = {}
    for number, subject in enumerate(subjects):
        folder = osp.join(root, _FRAMES_FOLDER, subject, 'T1')
        os.makedirs(folder, exist_ok=True)
        rows = []
        for frame in range(1, frames_per_subject + 1):
            # the drawn faces are listed subject by subject
            info = faces.get_data_info(number * frames_per_subject + frame -
                                       1)
            name = f'{frame:04d}.jpg'
            cv2.imwrite(osp.join(folder, name), info['img'])
            landmarks[f'{subject}/T1/{name}'] = info['landmarks'].tolist()
            labels = dict(zip(faces.aus, info['au_labels'].tolist()))
            rows.append([frame] + [
                _CODES[labels.get(au, UNKNOWN)] for au in AU_OCC_COLUMNS[1:]
            ])
        with open(osp.join(label_dir, f'{subject}_T1.csv'), 'w',
                  newline='') as f:
            writer = csv.writer(f)
            writer.writerow(AU_OCC_COLUMNS)
            writer.writerows(rows)
    landmark_file = osp.join(root, 'landmarks.json')
    with open(landmark_file, 'w') as f:
        json.dump(landmarks, f)
    return dict(landmark_file=landmark_file, subjects=subjects)
