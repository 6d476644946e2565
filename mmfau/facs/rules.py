"""The FACS labeling rules of the method, as data.

This module is the single place where the AU table and the judgment regions
of the paper (AU recognition guided by FACS labeling rules) are written
down. Everything else (datasets, the region transform, the map layer, the
region auxiliary loss) derives its index lists from it.
"""
from typing import Dict, List, Sequence, Tuple

#: Each AU: (FACS name, main appearance changes, judgment regions, 1-based).
AU_RULES: Dict[int, Tuple[str, str, Tuple[int, ...]]] = {
    1: ('Inner Brow Raiser',
        'inner brow raised; wrinkles in centre of forehead', (1, 2, 3)),
    2: ('Outer Brow Raiser',
        'lateral brow raised; lateral eye-cover fold stretched; wrinkles in '
        'lateral forehead', (1, 2, 3)),
    4: ('Brow Lowerer',
        'brows lowered and pulled together; wrinkles or bulge between brows',
        (2, 3, 4)),
    6: ('Cheek Raiser',
        "crow's-feet wrinkles; infraorbital triangle raised", (2, 3, 5, 6)),
    7: ('Lid Tightener',
        'eye aperture narrowed; lower lid raised; lower lid bulges', (2, 3)),
    9: ('Nose Wrinkler',
        'medial infraorbital triangle raised; infraorbital furrow deepened; '
        'nose wrinkles', (4, 5, 6)),
    10: ('Upper Lip Raiser',
         'inner infraorbital triangle bulges; upper nasolabial furrow '
         'deepened; centre of upper lip raised', (5, 6, 7)),
    12: ('Lip Corner Puller',
         'lip corners raised obliquely; nasolabial furrow deepened; '
         'infraorbital triangle raised', (5, 6, 7)),
    14: ('Dimpler', 'lip corners tightened, wrinkled, bulged or dimpled',
         (7, )),
    15: ('Lip Corner Depressor',
         'lip corners pulled down; bulge or wrinkles below them', (7, 8)),
    17: ('Chin Raiser', 'lower lip pushed up; chin boss wrinkled', (7, 8)),
    23: ('Lip Tightener', 'lips tightened and narrowed', (7, )),
    24: ('Lip Presser', 'lips pressed together', (7, )),
    25: ('Lips Part', 'lips parted; teeth or gums shown', (7, 8)),
    26: ('Jaw Drop', 'mandible lowered', (7, 8)),
}

#: The 8 judgment regions, 1-based, on an aligned face. "Right" is the
#: subject's right, which is the image's left.
REGION_NAMES: Tuple[str, ...] = (
    'forehead',
    'right eye and brow',
    'left eye and brow',
    'glabella and nose bridge',
    'right cheek',
    'left cheek',
    'mouth',
    'chin',
)

#: Region that a horizontal flip turns each region into (1-based).
REGION_MIRROR: Tuple[int, ...] = (1, 3, 2, 4, 6, 5, 7, 8)

NUM_REGIONS = len(REGION_NAMES)

#: AU lists of the paper's datasets, as BP4D and DISFA label them.
BP4D_AUS: Tuple[int, ...] = (1, 2, 4, 6, 7, 10, 12, 14, 15, 17, 23, 24)
DISFA_AUS: Tuple[int, ...] = (1, 2, 4, 6, 9, 12, 25, 26)
ALL_AUS: Tuple[int, ...] = tuple(AU_RULES)


def au_name(au: int) -> str:
    """The display name of an AU, e.g. ``'AU12'``."""
    return f'AU{au}'


def check_aus(aus: Sequence[int],
              rules: Dict[int, Tuple[str, str, Tuple[int, ...]]] = AU_RULES,
              source: str = 'the AU list') -> List[int]:
    """Check that every AU has a rule and that no AU is repeated.

    Args:
        aus (Sequence[int]): AU numbers, e.g. ``(1, 2, 4)``.
        rules (dict): The rule table to check against.
        source (str): What named the list, for the error message.

    Returns:
        list[int]: The AUs as plain ints.
    """
    aus = [int(au) for au in aus]
    if not aus:
        raise ValueError(f'{source} is empty: name at least one AU.')
    missing = [au for au in aus if au not in rules]
    if missing:
        raise ValueError(
            f'{source} names AU {missing}, which the FACS rule table lacks '
            f'(it has AU {sorted(rules)}). Add a row to the table '
            '(mmfau.facs.rules.AU_RULES or the `au_rules` argument) first.')
    if len(set(aus)) != len(aus):
        raise ValueError(f'{source} repeats an AU: {aus}.')
    return aus


def au_region_indices(aus: Sequence[int],
                      rules: Dict[int, Tuple[str, str, Tuple[int, ...]]] = (
                          AU_RULES),
                      num_regions: int = NUM_REGIONS) -> List[List[int]]:
    """The 0-based region indices each AU is judged from.

    Args:
        aus (Sequence[int]): AU numbers, in the order of the model's outputs.
        rules (dict): The rule table. Defaults to :data:`AU_RULES`.
        num_regions (int): How many regions the model pools.

    Returns:
        list[list[int]]: For each AU, its sorted 0-based region indices.
    """
    aus = check_aus(aus, rules)
    indices = []
    for au in aus:
        regions = sorted(set(rules[au][2]))
        bad = [r for r in regions if not 1 <= r <= num_regions]
        if bad:
            raise ValueError(f'The rule for AU{au} names region {bad}, but '
                             f'regions are numbered 1..{num_regions}.')
        indices.append([r - 1 for r in regions])
    return indices


def au_region_matrix(aus: Sequence[int],
                     rules: Dict[int, Tuple[str, str, Tuple[int, ...]]] = (
                         AU_RULES),
                     num_regions: int = NUM_REGIONS) -> List[List[int]]:
    """The 0/1 matrix of shape (num AUs, num regions) of the rule table."""
    matrix = [[0] * num_regions for _ in aus]
    for row, regions in zip(matrix,
                            au_region_indices(aus, rules, num_regions)):
        for region in regions:
            row[region] = 1
    return matrix
