"""A funder's report as a PDF (reportlab), in Swedish: the heading (funder,
period, programs, partners, when counted), then each table with its bar chart
above it. Drawn in reportlab's invariant mode and dated by the snapshot, so the
same report gives the same bytes."""

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as Grid

from reporting.charts import SERIES, bar_length, charted
from reporting.funder_reports import FunderReport, report_heading
from reporting.suppression import SUPPRESSED, WITHHELD
from reporting.tables import Table

LABEL_WIDTH = 150
BAR_AREA = 280
BAR_HEIGHT = 9
GAP = 6


def _chart(table: Table) -> Drawing | None:
    """Horizontal bars of the count columns, the total row left out; a hidden
    cell ("<5", "..") gets no bar, only its label."""
    scale = charted(table)
    if scale is None:
        return None
    rows, columns, top = scale
    legend = 14 if len(columns) > 1 else 0
    group = len(columns) * BAR_HEIGHT + GAP
    height = legend + len(rows) * group + GAP
    drawing = Drawing(LABEL_WIDTH + BAR_AREA + 40, height)
    colours = [colors.HexColor(c) for c in SERIES]
    if legend:
        x = LABEL_WIDTH
        for n, c in enumerate(columns):
            drawing.add(
                Rect(x, height - 10, 8, 8, fillColor=colours[n % 3], strokeColor=None)
            )
            drawing.add(String(x + 11, height - 9, str(table.headers[c]), fontSize=7))
            x += 20 + 3.6 * len(str(table.headers[c]))
    for r, row in enumerate(rows):
        y = height - legend - (r + 1) * group
        drawing.add(
            String(
                LABEL_WIDTH - 6,
                y + group / 2 - 3,
                str(row[0])[:38],
                fontSize=7,
                textAnchor="end",
            )
        )
        for n, c in enumerate(columns):
            value = row[c]
            bar_y = y + (len(columns) - 1 - n) * BAR_HEIGHT + GAP / 2
            length = bar_length(value, top, BAR_AREA)
            if length:
                drawing.add(
                    Rect(
                        LABEL_WIDTH,
                        bar_y,
                        length,
                        BAR_HEIGHT - 2,
                        fillColor=colours[n % 3],
                        strokeColor=None,
                    )
                )
            drawing.add(
                String(LABEL_WIDTH + length + 3, bar_y + 1, str(value), fontSize=6.5)
            )
    return drawing


def _grid(table: Table, styles) -> Grid:
    cell = styles["BodyText"].clone("cell", fontSize=8, leading=10)
    data = [[Paragraph(f"<b>{escape(str(h))}</b>", cell) for h in table.headers]]
    data += [[Paragraph(escape(str(v)), cell) for v in row] for row in table.rows]
    first = 55 * mm if len(table.headers) > 4 else 70 * mm
    rest = (A4[0] - 40 * mm - first) / max(len(table.headers) - 1, 1)
    grid = Grid(
        data, colWidths=[first] + [rest] * (len(table.headers) - 1), repeatRows=1
    )
    grid.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return grid


def report_pdf(report: FunderReport) -> bytes:
    styles = getSampleStyleSheet()
    buffer = BytesIO()
    title = _("Report to %(funder)s") % {"funder": report.funder.name}
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=title,
        author="Kompis",
        creator="Kompis",
        lang="sv",
        invariant=1,
    )
    story = [Paragraph(escape(title), styles["Title"])]
    for label, value in report_heading(report):
        story.append(
            Paragraph(f"<b>{escape(label)}:</b> {escape(value)}", styles["BodyText"])
        )
    story.append(
        Paragraph(
            escape(
                _(
                    "Counts only. A figure about 1–4 people is shown as “%(small)s”; "
                    "a second figure, from which the first could be worked out with "
                    "the totals, is withheld and shown as “%(withheld)s”."
                )
                % {"small": SUPPRESSED, "withheld": WITHHELD}
            ),
            styles["Italic"],
        )
    )
    for table in report.tables:
        parts = [Spacer(1, 5 * mm), Paragraph(escape(table.title), styles["Heading2"])]
        if not table.rows:
            parts.append(
                Paragraph(
                    escape(_("Nothing counted in this period.")), styles["BodyText"]
                )
            )
            story.append(KeepTogether(parts))
            continue
        chart = _chart(table) if table.chart else None
        if chart is not None:
            parts.append(chart)
        story.append(KeepTogether(parts))
        story.append(_grid(table, styles))
    document.build(story)
    return buffer.getvalue()
