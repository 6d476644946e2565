"""Detect, align and write the labelled frames of many sequences, resumably
and in several processes, then write annotation files and a report."""
import json
import multiprocessing
import os
import os.path as osp
from typing import Dict, List, Optional, Sequence

import cv2
import numpy as np
from tqdm import tqdm

from mmfau.datasets.base_fau_dataset import ANNOTATION_VERSION
from mmfau.datasets.protocol import SUBJECT_PARTS
from mmfau.faces import GEOMETRY_KEY, FaceGeometry, align_face
from mmfau.facs import PRESENT, UNKNOWN
from mmfau.registry import LANDMARK_DETECTORS

from .frames import LabelledSequence
from .report import ConversionReport

_DETECTOR = None


def _init_worker(detector_cfg: dict) -> None:
    global _DETECTOR
    import mmfau.faces  # noqa: F401  (registers the detectors)
    cv2.setNumThreads(1)
    # every face, largest first: the largest is converted, the others
    # counted in the report
    _DETECTOR = LANDMARK_DETECTORS.build(dict(detector_cfg, keep='all'))


def read_cache(path: str) -> Dict[int, dict]:
    """Finished frames of a sequence; a line cut short by a kill is
    ignored (that frame is redone)."""
    records = {}
    if not osp.exists(path):
        return records
    with open(path) as f:
        for line in f:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            records[record['frame']] = record
    return records


def _write_image(path: str, image: np.ndarray) -> None:
    os.makedirs(osp.dirname(path), exist_ok=True)
    tmp = f'{path}.tmp.jpg'
    if not cv2.imwrite(tmp, image, [cv2.IMWRITE_JPEG_QUALITY, 95]):
        raise OSError(f'cannot write {path}')
    os.replace(tmp, path)


def process_sequence(sequence: LabelledSequence, out_dir: str,
                     geometry: FaceGeometry, batch_size: int) -> str:
    """Detect, align and save the frames of one sequence not yet done.

    Each finished frame is appended to ``cache/<sequence>.jsonl`` at once,
    so a stopped run loses at most the frames of the batch in progress.

    Returns:
        str: The sequence's name.
    """
    cache_path = osp.join(out_dir, 'cache', f'{sequence.name}.jsonl')
    os.makedirs(osp.dirname(cache_path), exist_ok=True)
    done = read_cache(cache_path)
    wanted = {f for f in sequence.labels if f not in done}
    if not wanted:
        return sequence.name
    with open(cache_path, 'a+') as cache:
        if cache.tell() > 0:  # end a line a kill cut short
            cache.seek(cache.tell() - 1)
            if cache.read(1) != '\n':
                cache.write('\n')

        def save(record: dict) -> None:
            cache.write(json.dumps(record) + '\n')
            cache.flush()

        batch = []

        def flush() -> None:
            frames = [frame for frame, _ in batch]
            faces = _DETECTOR.detect([image for _, image in batch],
                                     [sequence.key(f) for f in frames])
            for (frame, image), found in zip(batch, faces):
                if not found:
                    save(dict(frame=frame, status='no_face'))
                    continue
                crop, landmarks, _ = align_face(image, found[0].landmarks,
                                                geometry)
                rel = f'{sequence.subject}/{sequence.session}/{frame:05d}.jpg'
                _write_image(osp.join(out_dir, 'images', rel), crop)
                save(
                    dict(
                        frame=frame,
                        status='ok',
                        img_path=rel,
                        landmarks=np.round(landmarks, 2).tolist(),
                        other_faces=len(found) - 1))
            batch.clear()

        for frame, image, problem in sequence.read(wanted):
            if image is None:
                save(dict(frame=frame, status='unreadable', problem=problem))
                continue
            batch.append((frame, image))
            if len(batch) == batch_size:
                flush()
        if batch:
            flush()
    return sequence.name


def convert(dataset: str,
            sequences: Sequence[LabelledSequence],
            aus: Sequence[int],
            out_dir: str,
            detector_cfg: dict,
            report: ConversionReport,
            geometry: FaceGeometry = FaceGeometry(),
            workers: int = 0,
            batch_size: int = 16,
            subject_parts: Optional[Dict[str, str]] = None
            ) -> ConversionReport:
    """Run :func:`process_sequence` over all sequences, then write one
    annotation file per subject part and the report.

    Args:
        dataset (str): 'BP4D' or 'DISFA' (selects the subject parts).
        sequences (Sequence[LabelledSequence]): What to convert.
        aus (Sequence[int]): AUs of the labels, in order.
        out_dir (str): Output root: ``images/``, ``annotations/``,
            ``cache/``, ``report.txt``.
        detector_cfg (dict): Config of a registered landmark detector.
        report (ConversionReport): Problems found while reading the layout;
            completed here.
        geometry (FaceGeometry): How faces are aligned; written into the
            annotation files, so that training and inference read it back.
        workers (int): Processes (0: this one).
        batch_size (int): Frames per landmark-detector call.
        subject_parts (dict, optional): Subject -> part; the 3-fold protocol
            of ``dataset`` when None.

    Returns:
        ConversionReport: The completed report.
    """
    if osp.exists(out_dir) and not osp.isdir(out_dir):
        raise NotADirectoryError(f'{out_dir} (--out): is a file; the '
                                 'converter writes a folder there.')
    os.makedirs(out_dir, exist_ok=True)
    args = [(s, out_dir, geometry, batch_size) for s in sequences]
    progress = tqdm(total=len(args), desc=f'{dataset} sequences', unit='seq')
    if workers > 0:
        context = multiprocessing.get_context('spawn')
        with context.Pool(workers, _init_worker, (detector_cfg, )) as pool:
            for _ in pool.starmap(process_sequence, args, chunksize=1):
                progress.update()
    else:
        _init_worker(detector_cfg)
        for arg in args:
            process_sequence(*arg)
            progress.update()
    progress.close()
    write_annotations(dataset, sequences, aus, out_dir, report, geometry,
                      subject_parts)
    report.write(osp.join(out_dir, 'report.txt'), aus)
    return report


def write_annotations(dataset: str, sequences: Sequence[LabelledSequence],
                      aus: Sequence[int], out_dir: str,
                      report: ConversionReport,
                      geometry: FaceGeometry,
                      subject_parts: Optional[Dict[str, str]] = None
                      ) -> None:
    """One OpenMMLab 2.0 annotation file per subject part, sorted, with the
    per-AU positive and known counts of its frames and the face geometry of
    its crops. Entries hold ``au_intensities`` where the sequence has
    intensities."""
    if subject_parts is None:
        subject_parts = {
            subject: part
            for part, subjects in SUBJECT_PARTS[dataset].items()
            for subject in subjects
        }
    by_part: Dict[str, List[dict]] = {
        p: [] for p in sorted(set(subject_parts.values()))
    }
    for sequence in sorted(sequences, key=lambda s: s.name):
        part = subject_parts.get(sequence.subject, '')
        records = read_cache(
            osp.join(out_dir, 'cache', f'{sequence.name}.jsonl'))
        for frame in sorted(sequence.labels):
            labels = sequence.labels[frame]
            record = records.get(frame)
            report.count_frame(sequence, frame, labels, record)
            if record is None or record['status'] != 'ok' or not part:
                continue
            entry = dict(
                img_path=record['img_path'],
                subject=sequence.subject,
                session=sequence.session,
                frame=frame,
                au_labels=labels,
                landmarks=record['landmarks'])
            if frame in sequence.intensities:
                entry['au_intensities'] = sequence.intensities[frame]
            by_part[part].append(entry)
    folder = osp.join(out_dir, 'annotations')
    os.makedirs(folder, exist_ok=True)
    for part, entries in by_part.items():
        labels = np.array([e['au_labels'] for e in entries],
                          dtype=np.int64).reshape(-1, len(aus))
        metainfo = dict(
            dataset=dataset,
            part=part,
            subjects=sorted({e['subject'] for e in entries}),
            aus=list(aus),
            format_version=ANNOTATION_VERSION,
            au_positive=(labels == PRESENT).sum(0).tolist(),
            au_known=(labels != UNKNOWN).sum(0).tolist())
        metainfo[GEOMETRY_KEY] = geometry.to_meta()
        path = osp.join(folder, f'{part}.json')
        with open(f'{path}.tmp', 'w') as f:
            json.dump(dict(metainfo=metainfo, data_list=entries), f)
        os.replace(f'{path}.tmp', path)
        report.files.append(path)

