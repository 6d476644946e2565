"""Reading the official DISFA release: per-AU intensity files and the
left-camera videos.

Labels: ``ActionUnit_Labels/SN001/SN001_au<k>.txt``, one line per frame,
``frameIdx,intensity`` (0-5); an AU is present at intensity >= 2. Frames:
``Videos_LeftCamera/LeftVideoSN001_comp.avi``; label line t is frame t.
"""
import os
import os.path as osp
from typing import List, Optional, Sequence, Tuple

import cv2

from mmfau.datasets.protocol import part_of
from mmfau.facs import (
    DISFA_AUS,
    MAX_INTENSITY,
    UNKNOWN,
    occurrence_from_intensity,
)

from .frames import LabelledSequence
from .report import ConversionReport

LABEL_DIR = 'ActionUnit_Labels'
VIDEO_DIR = 'Videos_LeftCamera'


def read_intensity_file(path: str, report: ConversionReport) -> dict:
    """Frame number -> intensity; problems go to the report."""
    intensities = {}
    with open(path) as f:
        for line_no, line in enumerate(f, start=1):
            line = line.strip()
            if not line:
                continue
            try:
                frame, value = (int(float(v)) for v in line.split(','))
            except ValueError:
                report.problems.append(f'{path}, line {line_no}: expected '
                                       f'"frame,intensity", got {line!r}')
                continue
            if not 0 <= value <= MAX_INTENSITY:
                report.problems.append(
                    f'{path}, line {line_no}: intensity {value} outside '
                    f'0-{MAX_INTENSITY}; '
                    'kept as unknown')
                value = UNKNOWN
            intensities[frame] = value
    return intensities


def scan_disfa(root: str,
               aus: Sequence[int] = DISFA_AUS,
               subjects: Optional[Sequence[str]] = None
               ) -> Tuple[List[LabelledSequence], ConversionReport]:
    """Find every subject of a DISFA release and check labels and video.

    Args:
        root (str): The release folder holding ``ActionUnit_Labels`` and
            ``Videos_LeftCamera``.
        aus (Sequence[int]): AUs to read.
        subjects (Sequence[str], optional): Only these subjects.

    Returns:
        tuple: One sequence per subject and a report of the problems found.
    """
    report = ConversionReport()
    label_root = osp.join(root, LABEL_DIR)
    if not osp.isdir(label_root):
        raise FileNotFoundError(
            f'{label_root} does not exist: ROOT must be the DISFA release '
            'folder that holds ActionUnit_Labels/ and Videos_LeftCamera/.')
    sequences = []
    for subject in sorted(os.listdir(label_root)):
        if subjects and subject not in subjects:
            continue
        if not osp.isdir(osp.join(label_root, subject)):
            continue
        if not part_of('DISFA', subject):
            report.problems.append(
                f'{osp.join(label_root, subject)}: subject {subject} is in '
                'no part of the 3-fold protocol; skipped')
            continue
        per_au = {}
        for au in aus:
            path = osp.join(label_root, subject, f'{subject}_au{au}.txt')
            if not osp.exists(path):
                report.problems.append(f'{path}: missing; AU{au} of '
                                       f'{subject} is unknown in every frame')
                per_au[au] = {}
                continue
            per_au[au] = read_intensity_file(path, report)
        frames = sorted(set().union(*(set(v) for v in per_au.values())))
        lengths = {au: len(v) for au, v in per_au.items() if v}
        if len(set(lengths.values())) > 1:
            report.problems.append(
                f'{osp.join(label_root, subject)}: label files of different '
                f'lengths {lengths}; frames missing from a file are unknown '
                'for that AU')
        labels, intensities = {}, {}
        for frame in frames:
            levels = [per_au[au].get(frame, UNKNOWN) for au in aus]
            intensities[frame] = levels
            labels[frame] = [occurrence_from_intensity(v) for v in levels]
        video = osp.join(root, VIDEO_DIR, f'LeftVideo{subject}_comp.avi')
        if not osp.exists(video):
            report.problems.append(
                f'{video}: missing; the {len(labels)} labelled frames of '
                f'{subject} are not used')
            continue
        count = int(cv2.VideoCapture(video).get(cv2.CAP_PROP_FRAME_COUNT))
        if count and count != len(labels):
            report.problems.append(
                f'{video}: {count} frames but {len(labels)} label lines')
        sequences.append(
            LabelledSequence(
                subject,
                'left',
                labels,
                video=video,
                key_prefix=f'LeftVideo{subject}_comp',
                intensities=intensities))
    return sequences, report
