from .rules import (ALL_AUS, AU_RULES, BP4D_AUS, DISFA_AUS, NUM_REGIONS,
                    REGION_MIRROR, REGION_NAMES, au_name, au_region_indices,
                    au_region_matrix, check_aus)

__all__ = [
    'ALL_AUS', 'AU_RULES', 'BP4D_AUS', 'DISFA_AUS', 'NUM_REGIONS',
    'REGION_MIRROR', 'REGION_NAMES', 'au_name', 'au_region_indices',
    'au_region_matrix', 'check_aus'
]
