"""Reading the official BP4D release: AU_OCC label files and frame folders.

Labels: ``AUCoding/AU_OCC/<subject>_<task>.csv``, a header row, column ``0``
the frame number and column ``k`` AU k (1 present, 0 absent, 9 unknown).
Frames: ``<frames root>/<subject>/<task>/<frame>.jpg``; copies differ in the
frames root and in the zero-padding, so frames are matched to label rows by
their integer number.
"""
import csv
import glob
import os
import os.path as osp
from typing import List, Optional, Sequence, Tuple

from mmfau.datasets.protocol import part_of
from mmfau.facs import ABSENT, BP4D_AUS, PRESENT, UNKNOWN

from .frames import LabelledSequence
from .report import ConversionReport

LABEL_DIR = osp.join('AUCoding', 'AU_OCC')
FRAME_ROOT_CANDIDATES = ('2D+3D', 'Sequences', osp.join('2D+3D', 'Sequences'),
                         'BP4D-training', '.')
IMAGE_EXTENSIONS = ('.jpg', '.jpeg', '.png', '.bmp')
#: The release's codes: 1 present, 0 absent, 9 not coded.
RELEASE_CODES = {'1': PRESENT, '0': ABSENT, '9': UNKNOWN}
#: The columns of an AU_OCC label file: the frame (0), then AU1 to AU27.
AU_OCC_COLUMNS = tuple(range(28))


def find_frames_root(root: str, subject: str) -> Optional[str]:
    """The first candidate folder of ``root`` that holds ``subject``."""
    for candidate in FRAME_ROOT_CANDIDATES:
        folder = osp.normpath(osp.join(root, candidate))
        if osp.isdir(osp.join(folder, subject)):
            return folder
    return None


def index_frames(folder: str) -> dict:
    """Frame number -> image file, for images named by an integer."""
    frames = {}
    for name in sorted(os.listdir(folder)):
        stem, ext = osp.splitext(name)
        if ext.lower() in IMAGE_EXTENSIONS and stem.isdigit():
            frames[int(stem)] = osp.join(folder, name)
    return frames


def read_label_file(path: str, aus: Sequence[int],
                    report: ConversionReport) -> dict:
    """Frame number -> labels of one AU_OCC file; problems go to report."""
    with open(path, newline='') as f:
        rows = list(csv.reader(f))
    if not rows:
        report.problems.append(f'{path}: empty label file')
        return {}
    header = [h.strip() for h in rows[0]]
    missing = [c for c in ['0'] + [str(au) for au in aus] if c not in header]
    if missing:
        report.problems.append(
            f'{path}: header lacks column(s) {missing}; file skipped')
        return {}
    frame_col = header.index('0')
    columns = [header.index(str(au)) for au in aus]
    labels = {}
    for line, row in enumerate(rows[1:], start=2):
        try:
            frame = int(float(row[frame_col]))
        except (ValueError, IndexError):
            report.problems.append(f'{path}, line {line}: no frame number')
            continue
        values = []
        for au, col in zip(aus, columns):
            raw = row[col].strip() if col < len(row) else ''
            if raw not in RELEASE_CODES:
                report.problems.append(
                    f'{path}, line {line}: AU{au} value {raw!r} is not 0, 1 '
                    'or 9; kept as unknown')
            values.append(RELEASE_CODES.get(raw, UNKNOWN))
        if frame in labels:
            report.problems.append(
                f'{path}, line {line}: frame {frame} labelled twice; the '
                'first row is kept')
            continue
        labels[frame] = values
    return labels


def scan_bp4d(root: str,
              frames_root: Optional[str] = None,
              aus: Sequence[int] = BP4D_AUS,
              subjects: Optional[Sequence[str]] = None
              ) -> Tuple[List[LabelledSequence], ConversionReport]:
    """Find every labelled sequence of a BP4D release and check its frames.

    Args:
        root (str): The release folder holding ``AUCoding/AU_OCC``.
        frames_root (str, optional): Folder of ``<subject>/<task>/`` frame
            folders; found among common layouts of ``root`` when None.
        aus (Sequence[int]): AUs to read.
        subjects (Sequence[str], optional): Only these subjects.

    Returns:
        tuple: The sequences and a report of the problems found.
    """
    report = ConversionReport()
    label_dir = osp.join(root, LABEL_DIR)
    if not osp.isdir(label_dir):
        raise FileNotFoundError(
            f'{label_dir} does not exist: ROOT must be the BP4D release '
            'folder that holds AUCoding/AU_OCC/<subject>_<task>.csv.')
    files = sorted(glob.glob(osp.join(label_dir, '*_*.csv')))
    if not files:
        raise FileNotFoundError(f'{label_dir} holds no <subject>_<task>.csv '
                                'label files.')
    sequences = []
    for path in files:
        subject, task = osp.splitext(osp.basename(path))[0].split('_', 1)
        if subjects and subject not in subjects:
            continue
        if not part_of('BP4D', subject):
            report.problems.append(
                f'{path}: subject {subject} is in no part of the 3-fold '
                'protocol; skipped')
            continue
        labels = read_label_file(path, aus, report)
        folder_root = frames_root or find_frames_root(root, subject)
        folder = osp.join(folder_root, subject, task) if folder_root else ''
        if not folder or not osp.isdir(folder):
            report.problems.append(
                f'{path}: no frame folder {folder or subject + "/" + task} '
                f'(looked in {frames_root or FRAME_ROOT_CANDIDATES} under '
                f'{root}); its {len(labels)} label rows are not used')
            continue
        frames = index_frames(folder)
        unlabelled = sorted(set(frames) - set(labels))
        if unlabelled:
            report.problems.append(
                f'{folder}: {len(unlabelled)} frames without labels in '
                f'{path} (not used): {unlabelled}')
        missing = sorted(set(labels) - set(frames))
        for frame in missing:
            report.problems.append(
                f'{path}: frame {frame} is labelled but '
                f'{folder}/{frame}.jpg does not exist')
            del labels[frame]
        sequences.append(
            LabelledSequence(
                subject,
                task,
                labels,
                frame_files={f: frames[f]
                             for f in labels},
                key_prefix=f'{subject}/{task}'))
    return sequences, report
