"""Reading a lab's own AU labels from a manifest CSV.

One row per labelled image or video frame::

    path,frame,subject,AU1,AU12,AU12_intensity
    faces/s01_a.jpg,,s01,0,1,3
    clips/s02.mp4,120,s02,1,,

- ``path``: an image or a video, relative to the manifest's folder or
  absolute; ``frame``: the video frame, counted from 0 as mmfau's inference
  CSV counts them (empty for an image);
- ``subject``: who is shown; subjects are split into subject-independent
  parts (an optional ``part`` column names each subject's part, otherwise
  they are dealt round-robin, in sorted order, into P1, P2 and P3);
- ``AU<k>``: 1 present, 0 absent, empty, 9 or -1 unknown; the AUs must be
  rows of the FACS rule table;
- ``AU<k>_intensity`` (optional): FACS intensity 0-5, empty when not coded.
"""
import csv
import os.path as osp
import re
from typing import Dict, List, Tuple

from mmfau.facs import (
    ABSENT,
    AU_RULES,
    MAX_INTENSITY,
    PRESENT,
    UNKNOWN,
    au_name,
)

from .frames import LabelledSequence
from .report import ConversionReport

#: Manifest cells that mean "not coded".
_UNKNOWN_CELLS = ('', '9', '-1')
#: Parts the subjects are dealt into when the manifest names none.
DEFAULT_PARTS = ('P1', 'P2', 'P3')
_AU_COLUMN = re.compile(r'^AU(\d+)$')
_INTENSITY_COLUMN = re.compile(r'^AU(\d+)_intensity$')


def _columns(path: str, header: List[str]) -> Tuple[List[int], Dict]:
    """The AUs of the label columns and the intensity columns present."""
    missing = [c for c in ('path', 'subject') if c not in header]
    if missing:
        raise ValueError(f'{path}: the manifest lacks the column(s) '
                         f'{missing}; it needs path, subject and AU<k>.')
    known = {'path', 'frame', 'subject', 'part'}
    aus, intensity = [], {}
    for column in header:
        label, level = _AU_COLUMN.match(column), _INTENSITY_COLUMN.match(
            column)
        if label:
            aus.append(int(label.group(1)))
        elif level:
            intensity[int(level.group(1))] = column
        elif column not in known:
            raise ValueError(
                f'{path}: column {column!r} is neither path, frame, subject, '
                'part, AU<k> nor AU<k>_intensity.')
    unknown = [au for au in aus + list(intensity) if au not in AU_RULES]
    if unknown:
        raise ValueError(
            f'{path}: {[au_name(au) for au in unknown]} are not in the FACS '
            f'rule table (it has {[au_name(au) for au in AU_RULES]}).')
    if not aus:
        raise ValueError(f'{path}: no AU<k> label column.')
    orphans = [au for au in intensity if au not in aus]
    if orphans:
        raise ValueError(f'{path}: intensity columns without a label '
                         f'column: {[au_name(au) for au in orphans]}.')
    return sorted(aus), intensity


def _label(cell: str, where: str) -> int:
    cell = cell.strip()
    if cell in _UNKNOWN_CELLS:
        return UNKNOWN
    if cell in ('0', '1'):
        return PRESENT if cell == '1' else ABSENT
    raise ValueError(f'{where}: label {cell!r} is not 1 (present), 0 '
                     '(absent) or empty, 9 or -1 (unknown).')


def _intensity(cell: str, where: str) -> int:
    cell = cell.strip()
    if cell in _UNKNOWN_CELLS:
        return UNKNOWN
    if cell.isdigit() and 0 <= int(cell) <= MAX_INTENSITY:
        return int(cell)
    raise ValueError(f'{where}: intensity {cell!r} is not 0-{MAX_INTENSITY} '
                     'or empty.')


def read_manifest(path: str) -> Tuple[List[LabelledSequence],
                                      ConversionReport, Dict[str, str],
                                      List[int]]:
    """Check a manifest and turn it into labelled sequences.

    Args:
        path (str): The manifest CSV.

    Returns:
        tuple: The sequences (one per subject's images, one per video),
        the report to complete, subject -> part, and the AUs in label order.
    """
    if not osp.isfile(path):
        raise FileNotFoundError(f'{path}: the manifest does not exist.')
    root = osp.dirname(osp.abspath(path))
    # utf-8-sig: Excel's 'CSV UTF-8' starts the file with a byte-order mark
    with open(path, newline='', encoding='utf-8-sig') as f:
        reader = csv.DictReader(f)
        header = [h.strip() for h in reader.fieldnames or []]
        reader.fieldnames = header
        aus, intensity_columns = _columns(path, header)
        rows = list(enumerate(reader, start=2))
    if not rows:
        raise ValueError(f'{path}: the manifest has no rows.')
    images: Dict[str, LabelledSequence] = {}
    videos: Dict[Tuple[str, str], LabelledSequence] = {}
    parts: Dict[str, Tuple[str, int]] = {}
    seen: Dict[Tuple[str, int], int] = {}
    for line, row in rows:
        where = f'{path}, line {line}'
        subject, file = row['subject'].strip(), row['path'].strip()
        if not subject or not file:
            raise ValueError(f'{where}: path and subject must not be empty.')
        media = file if osp.isabs(file) else osp.join(root, file)
        if not osp.isfile(media):
            raise FileNotFoundError(f'{where}: {file} does not exist '
                                    f'(looked for {media}).')
        part = (row.get('part') or '').strip()
        if part:
            first = parts.setdefault(subject, (part, line))
            if first[0] != part:
                raise ValueError(
                    f'{where}: subject {subject} is in part {part}, but in '
                    f'part {first[0]} on line {first[1]}: a subject belongs '
                    'to one part (subject-independent folds).')
        labels = [_label(row[au_name(au)], f'{where}, {au_name(au)}')
                  for au in aus]
        levels = [
            _intensity(row[intensity_columns[au]],
                       f'{where}, {intensity_columns[au]}')
            if au in intensity_columns else UNKNOWN for au in aus
        ]
        frame_cell = (row.get('frame') or '').strip()
        if frame_cell:
            if not frame_cell.isdigit():
                raise ValueError(f'{where}: frame {frame_cell!r} is not a '
                                 'frame index (0, 1, ...).')
            sequence = videos.setdefault(
                (subject, media),
                LabelledSequence(
                    subject,
                    _session(subject, media, videos),
                    {},
                    video=media,
                    key_prefix=osp.basename(media),
                    first_frame=0))
            frame = int(frame_cell)
        else:
            sequence = images.setdefault(
                subject,
                LabelledSequence(subject, 'images', {}, key_prefix=subject))
            frame = len(sequence.labels)
            sequence.frame_files[frame] = media
        key = (media, frame if frame_cell else -1)
        if key in seen:
            raise ValueError(f'{where}: {file} frame {frame_cell or "-"} is '
                             f'labelled twice (first on line {seen[key]}).')
        seen[key] = line
        sequence.labels[frame] = labels
        if intensity_columns:
            sequence.intensities[frame] = levels
    subjects = sorted({row['subject'].strip() for _, row in rows})
    if parts and len(parts) != len(subjects):
        missing = [s for s in subjects if s not in parts][:5]
        raise ValueError(f'{path}: the part column is empty for subject(s) '
                         f'{missing}; name a part for every subject or none.')
    subject_parts = {s: p for s, (p, _) in parts.items()} or {
        subject: DEFAULT_PARTS[i % len(DEFAULT_PARTS)]
        for i, subject in enumerate(subjects)
    }
    sequences = list(images.values()) + list(videos.values())
    return sequences, ConversionReport(), subject_parts, aus


def _session(subject: str, media: str, videos: Dict) -> str:
    """A session name for a video of a subject, unique among its videos."""
    stem = osp.splitext(osp.basename(media))[0]
    taken = {s.session for (subj, _), s in videos.items() if subj == subject}
    name, count = stem, 1
    while name in taken:
        count += 1
        name = f'{stem}-{count}'
    return name
