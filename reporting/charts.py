"""Bar charts drawn on the server as inline SVG: no script (the admin's CSP needs
none), readable at a glance, and never the only way to read a figure: each chart
stands beside its table and says so to a screen reader."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from reporting.suppression import HIDDEN
from reporting.tables import Table

# Colours with at least 3:1 contrast against white (WCAG 1.4.11), told apart by
# more than hue: the second series is hatched.
SERIES = ("#1f5fa8", "#a3461a", "#2f6b2f")
LABEL_WIDTH = 220
BAR_AREA = 360
BAR_HEIGHT = 16
GAP = 10


def _is_figure(value) -> bool:
    return isinstance(value, int | float) or value in HIDDEN


def charted(table: Table) -> tuple[list[list], list[int], int] | None:
    """The rows a chart draws (not a total row), the columns (after the first)
    that hold figures in every one, and the largest figure; None when there is
    nothing to draw. A hidden figure ("<5", "..") gets no bar."""
    rows = table.rows[:-1] if table.total_row else table.rows
    columns = [
        index
        for index in range(1, len(table.headers))
        if rows and all(_is_figure(row[index]) for row in rows)
    ]
    numbers = [row[i] for row in rows for i in columns if row[i] not in HIDDEN]
    if not columns or not any(numbers):
        return None
    return rows, columns, max(numbers)


def bar_length(value, top: float, area: float) -> float:
    return area * value / top if isinstance(value, int | float) and top else 0


def bar_chart(table: Table) -> SafeString:
    scale = charted(table)
    if scale is None:
        return mark_safe("")
    rows, columns, top = scale
    group = len(columns) * BAR_HEIGHT + GAP
    legend = 24 if len(columns) > 1 else 0
    height = legend + len(rows) * group + GAP
    width = LABEL_WIDTH + BAR_AREA + 60
    label = _("Chart: %(title)s. The table beside it holds the same figures.") % {
        "title": table.title
    }
    parts = [
        f'<svg class="report-chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(label)}">'
        f'<defs><pattern id="hatch-{table.key}" width="6" height="6" '
        'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="{SERIES[1]}"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2"/>'
        "</pattern></defs>"
    ]
    if legend:
        x = LABEL_WIDTH
        for n, index in enumerate(columns):
            fill = f"url(#hatch-{table.key})" if n == 1 else SERIES[n % len(SERIES)]
            parts.append(
                f'<rect x="{x}" y="4" width="14" height="14" fill="{fill}"/>'
                f'<text x="{x + 20}" y="16" font-size="13">'
                f"{escape(table.headers[index])}</text>"
            )
            x += 30 + 8 * len(str(table.headers[index]))
    for r, row in enumerate(rows):
        y = legend + r * group + GAP
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT * len(columns) / 2 + 5}" '
            f'font-size="13" text-anchor="end">{escape(str(row[0]))[:40]}</text>'
        )
        for n, index in enumerate(columns):
            value = row[index]
            length = round(bar_length(value, top, BAR_AREA))
            fill = f"url(#hatch-{table.key})" if n == 1 else SERIES[n % len(SERIES)]
            bar_y = y + n * BAR_HEIGHT
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{bar_y}" width="{length}" '
                f'height="{BAR_HEIGHT - 2}" fill="{fill}"/>'
                f'<text x="{LABEL_WIDTH + length + 6}" y="{bar_y + BAR_HEIGHT - 4}" '
                f'font-size="12">{escape(str(value))}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
