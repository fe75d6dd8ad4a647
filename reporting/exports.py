"""Tables as downloads: one table as CSV, or every table as an XLSX workbook (a
sheet each), through tablib. The same tables give the same file."""

import re

import tablib

from reporting.tables import Table

SHEET_NAME_MAX = 31  # Excel's limit


def _dataset(table: Table) -> tablib.Dataset:
    dataset = tablib.Dataset(headers=table.headers, title=_sheet_name(table.title))
    for row in table.rows:
        dataset.append(["" if value is None else value for value in row])
    return dataset


def _sheet_name(title: str) -> str:
    return re.sub(r"[\[\]\*\?/\\:]", " ", title)[:SHEET_NAME_MAX].strip()


def table_csv(table: Table) -> bytes:
    # With a byte-order mark: Excel opens it as UTF-8 (å, ä, ö stay whole).
    return ("\ufeff" + _dataset(table).export("csv")).encode("utf-8")


def tables_xlsx(tables: list[Table]) -> bytes:
    book = tablib.Databook()
    seen = set()
    for table in tables:
        dataset = _dataset(table)
        name = dataset.title
        while name in seen:  # two titles alike in their first 31 characters
            name = f"{name[: SHEET_NAME_MAX - 2]}_{len(seen)}"
        seen.add(name)
        dataset.title = name
        book.add_sheet(dataset)
    return book.export("xlsx")
