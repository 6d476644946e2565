from .labels import (
    ABSENT,
    LABEL_VALUES,
    MAX_INTENSITY,
    PRESENT,
    PRESENT_FROM_INTENSITY,
    UNKNOWN,
    occurrence_from_intensity,
)
from .region_targets import active_region_targets
from .rules import (
    ALL_AUS,
    AU_RULES,
    BP4D_AUS,
    DISFA_AUS,
    NUM_REGIONS,
    REGION_MIRROR,
    REGION_NAMES,
    au_name,
    au_region_indices,
    au_region_matrix,
    check_aus,
)

__all__ = [
    'ABSENT', 'ALL_AUS', 'AU_RULES', 'BP4D_AUS', 'DISFA_AUS', 'LABEL_VALUES',
    'MAX_INTENSITY', 'NUM_REGIONS', 'PRESENT', 'PRESENT_FROM_INTENSITY',
    'REGION_MIRROR', 'REGION_NAMES',
    'UNKNOWN', 'active_region_targets', 'au_name', 'au_region_indices',
    'au_region_matrix', 'check_aus', 'occurrence_from_intensity'
]
