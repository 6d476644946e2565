"""The 3-fold subject-independent protocol of BP4D and DISFA.

The subject parts used by JAA-Net, ME-GraphAU, FMAE and LibreFace. Fold k
tests one part and trains on the other two; as in ME-GraphAU, fold 1 tests
P3, fold 2 tests P2 and fold 3 tests P1 (the fold configs
``configs/fau/*_{bp4d,disfa}_f{1,2,3}.py`` name the parts).
"""
from typing import Dict, Iterable, List, Tuple

#: The validation split of the training subjects: every fourth of them, in
#: sorted order (a quarter of the training part; BP4D fold 1: 7 of 28).
VALIDATION_EVERY = 4

SUBJECT_PARTS: Dict[str, Dict[str, Tuple[str, ...]]] = {
    'BP4D': {
        'P1': ('F001', 'F002', 'F008', 'F009', 'F010', 'F016', 'F018',
               'F023', 'M001', 'M004', 'M007', 'M008', 'M012', 'M014'),
        'P2': ('F003', 'F005', 'F011', 'F013', 'F020', 'F022', 'M002',
               'M005', 'M010', 'M011', 'M013', 'M016', 'M017', 'M018'),
        'P3': ('F004', 'F006', 'F007', 'F012', 'F014', 'F015', 'F017',
               'F019', 'F021', 'M003', 'M006', 'M009', 'M015'),
    },
    'DISFA': {
        'P1': ('SN001', 'SN002', 'SN009', 'SN010', 'SN016', 'SN026',
               'SN027', 'SN030', 'SN032'),
        'P2': ('SN006', 'SN011', 'SN012', 'SN013', 'SN018', 'SN021',
               'SN024', 'SN028', 'SN031'),
        'P3': ('SN003', 'SN004', 'SN005', 'SN007', 'SN008', 'SN017',
               'SN023', 'SN025', 'SN029'),
    },
}


def part_of(dataset: str, subject: str) -> str:
    """The part ('P1', 'P2' or 'P3') of a subject, or '' if in none."""
    for part, subjects in SUBJECT_PARTS[dataset].items():
        if subject in subjects:
            return part
    return ''


def validation_subjects(subjects: Iterable[str],
                        every: int = VALIDATION_EVERY) -> List[str]:
    """The subjects held out of training to choose settings on (e.g.
    per-AU presence thresholds): every ``every``-th of the sorted subjects,
    from the ``every``-th on. Never the test part: pass the training
    part's subjects.

    Args:
        subjects (Iterable[str]): The training subjects.
        every (int): One subject in ``every`` is held out.

    Returns:
        list[str]: The validation subjects, sorted.
    """
    if every < 2:
        raise ValueError(f'every must be at least 2, got {every}.')
    ordered = sorted(set(subjects))
    return ordered[every - 1::every]
