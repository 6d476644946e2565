"""BP4D and DISFA, as written by their converters."""
from typing import Optional, Sequence

from mmfau.facs import BP4D_AUS, DISFA_AUS
from mmfau.registry import DATASETS
from .base_fau_dataset import FAUDataset


@DATASETS.register_module()
class BP4DDataset(FAUDataset):
    """BP4D: 12 AUs, occurrence labels (unknown = -1, the release's 9).

    Args:
        parts (Sequence[str]): Subject parts, e.g. ``('P1', 'P2')``.
        ann_file (str): Pattern of the per-part annotation files.
        aus (Sequence[int]): AUs to use. Defaults to the 12 of BP4D.
        converter (str): Named in the error when an annotation file is
            missing.
        **kwargs: Other arguments of :class:`FAUDataset`.
    """

    def __init__(self,
                 parts: Sequence[str] = ('P1', 'P2'),
                 ann_file: str = 'annotations/{part}.json',
                 aus: Optional[Sequence[int]] = BP4D_AUS,
                 converter: str = ('python tools/dataset_converters/bp4d.py '
                                   'BP4D_ROOT --out data/bp4d'),
                 **kwargs) -> None:
        super().__init__(
            ann_file=ann_file,
            parts=parts,
            aus=aus,
            converter=converter,
            **kwargs)


@DATASETS.register_module()
class DISFADataset(FAUDataset):
    """DISFA: 8 AUs, present at intensity >= 2, left camera.

    Args:
        parts (Sequence[str]): Subject parts, e.g. ``('P1', 'P2')``.
        ann_file (str): Pattern of the per-part annotation files.
        aus (Sequence[int]): AUs to use. Defaults to the 8 of DISFA.
        converter (str): Named in the error when an annotation file is
            missing.
        **kwargs: Other arguments of :class:`FAUDataset`.
    """

    def __init__(self,
                 parts: Sequence[str] = ('P1', 'P2'),
                 ann_file: str = 'annotations/{part}.json',
                 aus: Optional[Sequence[int]] = DISFA_AUS,
                 converter: str = ('python tools/dataset_converters/disfa.py '
                                   'DISFA_ROOT --out data/disfa'),
                 **kwargs) -> None:
        super().__init__(
            ann_file=ann_file,
            parts=parts,
            aus=aus,
            converter=converter,
            **kwargs)
