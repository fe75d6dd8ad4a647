"""Small cells: 1–4 shown as "<5"; where a row or column would hold exactly one
hidden cell, a second is withheld (the smallest), shown as ".."; zeros and "not
counted" stay."""

from hypothesis import given
from hypothesis import strategies as st

from reporting.suppression import HIDDEN, SUPPRESSED, WITHHELD, suppress

S = SUPPRESSED
W = WITHHELD


def test_small_cells_and_the_cells_that_would_give_them_away():
    matrix = [
        [3, 40, 12],
        [50, 60, 70],
        [0, 8, None],
    ]
    # Row 0 holds one hidden cell (3): its smallest other figure, 12, goes. Column
    # 0 holds one: 50 goes (a zero is the last choice). Column 2 now holds one
    # (12): 70 goes. Every line then holds no hidden cell or two or more.
    assert suppress(matrix) == [
        [S, 40, W],
        [W, 60, W],
        [0, 8, None],
    ]


def test_nothing_small_nothing_hidden():
    matrix = [[0, 5, 120], [7, 0, None]]
    assert suppress(matrix) == matrix


def test_a_line_of_zeros_hides_a_zero_beside_the_small_cell():
    assert suppress([[2, 0]]) == [[S, W]]


counts = st.one_of(st.none(), st.integers(min_value=0, max_value=30))


@given(st.lists(st.lists(counts, min_size=3, max_size=3), min_size=1, max_size=6))
def test_no_hidden_cell_can_be_worked_out_from_a_line(matrix):
    shown = suppress(matrix)
    for r, row in enumerate(matrix):
        for c, value in enumerate(row):
            if isinstance(value, int) and 1 <= value <= 4:
                assert shown[r][c] == S
            elif shown[r][c] not in HIDDEN:
                assert shown[r][c] == value  # nothing else is changed
    lines = [
        list(zip(row, shown_row, strict=True))
        for row, shown_row in zip(matrix, shown, strict=True)
    ]
    lines += [
        [(matrix[r][c], shown[r][c]) for r in range(len(matrix))] for c in range(3)
    ]
    for line in lines:
        hidden = sum(shown_value in HIDDEN for _value, shown_value in line)
        others = sum(
            isinstance(value, int) and shown_value not in HIDDEN
            for value, shown_value in line
        )
        # A single hidden cell is left only where nothing else could be hidden.
        assert hidden != 1 or others == 0
