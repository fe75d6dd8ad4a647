"""Small cells: a figure about 1–4 people is shown as "<5" wherever figures leave
a tenant (the console, every export). Where a hidden cell could be worked out from
the totals beside it (a row or a column with exactly one hidden cell), a second
cell of that line is hidden too: the smallest one, so the least is lost. It shows
"..", as Statistics Sweden marks a withheld figure: it may be any size, and "<5"
would tell a reader something untrue. Totals of the whole platform are exact and
are not passed through here."""

SMALL_MAX = 4
SUPPRESSED = "<5"
WITHHELD = ".."
HIDDEN = (SUPPRESSED, WITHHELD)


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def suppress(matrix: list[list]) -> list[list]:
    """`matrix` (rows of counts; None for "not counted") with small cells replaced
    by SUPPRESSED and the cells that would give them away by WITHHELD."""
    small = {
        (r, c)
        for r, row in enumerate(matrix)
        for c, value in enumerate(row)
        if _is_count(value) and 1 <= value <= SMALL_MAX
    }
    hidden = set(small)
    width = max((len(row) for row in matrix), default=0)
    lines = [[(r, c) for c in range(len(row))] for r, row in enumerate(matrix)]
    lines += [
        [(r, c) for r, row in enumerate(matrix) if c < len(row)] for c in range(width)
    ]
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(cell in hidden for cell in line) != 1:
                continue
            candidates = [
                cell
                for cell in line
                if cell not in hidden and _is_count(matrix[cell[0]][cell[1]])
            ]
            if not candidates:
                continue
            # The smallest figure above zero; a zero only when nothing else is left.
            candidates.sort(
                key=lambda cell: (
                    matrix[cell[0]][cell[1]] == 0,
                    matrix[cell[0]][cell[1]],
                    cell,
                )
            )
            hidden.add(candidates[0])
            changed = True
    return [
        [
            SUPPRESSED if (r, c) in small else WITHHELD if (r, c) in hidden else value
            for c, value in enumerate(row)
        ]
        for r, row in enumerate(matrix)
    ]
