"""How an aligned face is framed: the contract between data preparation,
training and inference.

A converter aligns every face with a :class:`FaceGeometry` and writes it into
the annotation files' metainfo; the training run keeps it in the dataset
meta that MMEngine stores in each checkpoint; inference reads it from there
and aligns new faces the same way. Nothing else chooses a crop size.
"""
from dataclasses import asdict, dataclass
from typing import Mapping, Optional

#: Metainfo key under which the geometry travels.
GEOMETRY_KEY = 'face_geometry'


@dataclass(frozen=True)
class FaceGeometry:
    """The frame of an aligned face.

    Args:
        size (int): Side of the square aligned face, in pixels.
        face_scale (float): Size of the canonical face relative to the crop;
            below 1 leaves a margin around forehead and chin.
    """

    size: int = 256
    face_scale: float = 0.9

    def __post_init__(self) -> None:
        if int(self.size) != self.size or self.size < 32:
            raise ValueError(f'Face geometry size must be an integer of at '
                             f'least 32 pixels, got {self.size!r}.')
        if not 0.2 <= self.face_scale <= 2.0:
            raise ValueError('Face geometry face_scale must lie in [0.2, 2], '
                             f'got {self.face_scale!r}.')

    def to_meta(self) -> dict:
        """The geometry as plain numbers, for metainfo and checkpoints."""
        return asdict(self)

    @classmethod
    def from_meta(cls,
                  meta: Optional[Mapping],
                  source: str = 'the metainfo') -> Optional['FaceGeometry']:
        """The geometry stored in a metainfo dict, or None if it has none.

        Args:
            meta (Mapping, optional): Dataset or checkpoint metainfo.
            source (str): What the meta came from, for the error message.

        Returns:
            FaceGeometry | None
        """
        stored = (meta or {}).get(GEOMETRY_KEY)
        if stored is None:
            return None
        try:
            return cls(size=int(stored['size']),
                       face_scale=float(stored['face_scale']))
        except (KeyError, TypeError) as err:
            raise ValueError(f'{source}: {GEOMETRY_KEY} {stored!r} needs '
                             '"size" and "face_scale".') from err
