import pytest

from mmfau.facs import (
    AU_RULES,
    BP4D_AUS,
    DISFA_AUS,
    au_region_indices,
    au_region_matrix,
    check_aus,
)


def test_region_indices_follow_the_rule_table():
    # AU 6 is judged from regions 2, 3, 5, 6 (1-based) -> 1, 2, 4, 5
    assert au_region_indices([6, 14, 26]) == [[1, 2, 4, 5], [6], [6, 7]]
    for au, regions in zip(BP4D_AUS, au_region_indices(BP4D_AUS)):
        assert [r + 1 for r in regions] == sorted(AU_RULES[au][2])


def test_region_matrix_rows_match_indices():
    matrix = au_region_matrix(DISFA_AUS)
    assert len(matrix) == len(DISFA_AUS) and len(matrix[0]) == 8
    for row, regions in zip(matrix, au_region_indices(DISFA_AUS)):
        assert [i for i, v in enumerate(row) if v] == regions


def test_a_table_supplied_by_the_user_is_used():
    rules = {**AU_RULES, 43: ('Eyes Closed', 'eyes closed', (2, 3))}
    assert au_region_indices([43, 1], rules) == [[1, 2], [0, 1, 2]]


def test_unknown_au_names_the_list_and_the_au():
    with pytest.raises(ValueError, match=r'my config names AU \[5\]'):
        check_aus([1, 5], source='my config')
    with pytest.raises(ValueError, match='repeats'):
        check_aus([1, 1])
