"""What a conversion read, wrote and could not use, with the paths."""
from dataclasses import dataclass, field
from typing import List, Optional, Sequence

import numpy as np

from mmfau.facs import PRESENT, UNKNOWN, au_name


@dataclass
class ConversionReport:
    """Counts and problem lists of one conversion.

    Attributes:
        problems (list[str]): Layout problems (missing or unreadable files,
            label rows without frames, frames without labels, bad values),
            each naming its path.
        files (list[str]): Annotation files written.
    """
    problems: List[str] = field(default_factory=list)
    files: List[str] = field(default_factory=list)
    frames_read: int = 0
    written: int = 0
    no_face: List[str] = field(default_factory=list)
    several_faces: List[str] = field(default_factory=list)
    unreadable: List[str] = field(default_factory=list)
    unknown_labels: int = 0
    _labels: List[List[int]] = field(default_factory=list)

    def count_frame(self, sequence, frame: int, labels: Sequence[int],
                    record: Optional[dict]) -> None:
        """Account for one labelled frame and what became of it."""
        self.frames_read += 1
        self.unknown_labels += sum(1 for v in labels if v == UNKNOWN)
        if record is None:
            self.unreadable.append(f'{sequence.key(frame)}: not processed')
        elif record['status'] == 'ok':
            self.written += 1
            self._labels.append(list(labels))
            others = record.get('other_faces', 0)
            if others:
                self.several_faces.append(
                    f'{sequence.key(frame)}: {others + 1} faces, the largest '
                    'taken')
        elif record['status'] == 'no_face':
            self.no_face.append(sequence.key(frame))
        else:
            self.unreadable.append(record.get('problem', sequence.key(frame)))

    def summary(self, aus: Sequence[int]) -> str:
        """A short text: counts and per-AU positive rates."""
        labels = np.array(self._labels, dtype=np.int64).reshape(-1, len(aus))
        known = (labels != UNKNOWN).sum(0)
        positive = (labels == PRESENT).sum(0)
        rates = ', '.join(
            f'{au_name(au)} {100 * p / k:.1f}%' if k else f'{au_name(au)} -'
            for au, p, k in zip(aus, positive, known))
        return '\n'.join([
            f'labelled frames read: {self.frames_read}',
            f'written (aligned, with landmarks): {self.written}',
            f'without a face (not used): {len(self.no_face)}',
            f'with several faces (the largest converted, the labels taken '
            f'as its): {len(self.several_faces)}',
            f'unreadable or missing (not used): {len(self.unreadable)}',
            f'unknown AU labels (excluded from loss and metric): '
            f'{self.unknown_labels}',
            f'layout problems: {len(self.problems)}',
            f'AU positive rates of written frames: {rates}',
        ] + [f'annotation file: {f}' for f in self.files])

    def write(self, path: str, aus: Sequence[int]) -> None:
        """Write the summary and every listed problem to ``path``."""
        sections = [
            ('Layout problems', self.problems),
            ('Frames without a face', self.no_face),
            ('Frames with several faces (the largest converted)',
             self.several_faces),
            ('Unreadable or missing frames', self.unreadable),
        ]
        with open(path, 'w') as f:
            f.write(self.summary(aus) + '\n')
            for title, items in sections:
                f.write(f'\n{title} ({len(items)}):\n')
                f.writelines(f'  {item}\n' for item in items)
