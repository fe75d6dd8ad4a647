"""A funder's report as CSV (one long table: section, row, column, value, headed
by the report's lines) and as an XLSX workbook (the heading on the first sheet,
a sheet per table). Dated by the snapshot, not by the clock: the same snapshot
gives the same bytes."""

import re
import zipfile
from datetime import UTC, datetime
from io import BytesIO

import tablib
from django.utils.translation import gettext as _

from reporting.exports import tables_xlsx
from reporting.funder_reports import FunderReport, report_heading
from reporting.tables import Table

EARLIEST_ZIP_TIME = datetime(1980, 1, 1, tzinfo=UTC)


def report_csv(report: FunderReport) -> bytes:
    dataset = tablib.Dataset(headers=[_("Section"), _("Row"), _("Column"), _("Value")])
    for label, value in report_heading(report):
        dataset.append([_("Report"), label, "", value])
    for table in report.tables:
        for row in table.rows:
            for header, value in zip(table.headers[1:], row[1:], strict=True):
                dataset.append([table.title, row[0], header, value])
    return ("\ufeff" + dataset.export("csv")).encode("utf-8")


def report_xlsx(report: FunderReport) -> bytes:
    heading = Table(
        "heading", _("Report"), [_("Heading"), _("Value")], report_heading(report)
    )
    return xlsx_dated(
        tables_xlsx([heading, *report.tables]),
        report.counted_at or EARLIEST_ZIP_TIME,
    )


def xlsx_dated(data: bytes, when: datetime) -> bytes:
    """`data` (an XLSX: a zip) with its entries' times and the document's created
    and modified dates set to `when`: openpyxl writes the time of saving."""
    when = max(when.astimezone(UTC), EARLIEST_ZIP_TIME)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    source = zipfile.ZipFile(BytesIO(data))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                    lambda match: match.group(1) + stamp,
                    content,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, content)
    return out.getvalue()
