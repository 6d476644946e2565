"""BP4D and DISFA, as written by their converters."""
from typing import Optional, Sequence, Tuple

from mmfau.facs import BP4D_AUS, DISFA_AUS
from mmfau.registry import DATASETS

from .base_fau_dataset import FAUDataset


class _ConvertedRelease(FAUDataset):
    """A dataset written by one of the converters, one file per part.

    Args:
        parts (Sequence[str]): Subject parts, e.g. ``('P1', 'P2')``.
        ann_file (str): Pattern of the per-part annotation files.
        aus (Sequence[int], optional): AUs to use; defaults to the
            dataset's own list.
        **kwargs: Other arguments of :class:`FAUDataset`.
    """

    DEFAULT_AUS: Tuple[int, ...] = ()
    CONVERTER: str = ''

    def __init__(self,
                 parts: Sequence[str] = ('P1', 'P2'),
                 ann_file: str = 'annotations/{part}.json',
                 aus: Optional[Sequence[int]] = None,
                 **kwargs) -> None:
        kwargs.setdefault('converter', self.CONVERTER)
        super().__init__(
            ann_file=ann_file,
            parts=parts,
            aus=self.DEFAULT_AUS if aus is None else aus,
            **kwargs)


@DATASETS.register_module()
class BP4DDataset(_ConvertedRelease):
    """BP4D: 12 AUs, occurrence labels (unknown = -1, the release's 9).
    Arguments as :class:`FAUDataset`, plus ``parts``."""

    DEFAULT_AUS = BP4D_AUS
    CONVERTER = ('python tools/dataset_converters/bp4d.py BP4D_ROOT '
                 '--out data/bp4d')


@DATASETS.register_module()
class DISFADataset(_ConvertedRelease):
    """DISFA: 8 AUs, present at intensity >= 2, left camera. Arguments as
    :class:`FAUDataset`, plus ``parts``."""

    DEFAULT_AUS = DISFA_AUS
    CONVERTER = ('python tools/dataset_converters/disfa.py DISFA_ROOT '
                 '--out data/disfa')
