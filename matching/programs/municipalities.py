"""Sweden's 290 municipalities: code (SCB's kommunkod) to name, grouped by county.

The list is data in the repository (`data/municipalities.csv`, from SCB's register
of municipal codes); a program chooses which of them it serves.
"""

import csv
from pathlib import Path

from django.utils.translation import gettext_lazy as _

_DATA = Path(__file__).resolve().parent / "data" / "municipalities.csv"


def _read() -> tuple[dict[str, str], dict[str, str]]:
    names, counties = {}, {}
    with _DATA.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            names[row["code"]] = row["name"]
            counties[row["code"]] = row["county"]
    return names, counties


MUNICIPALITIES, COUNTY_OF = _read()


def municipality_name(code: str) -> str:
    return MUNICIPALITIES.get(code, code)


def municipality_choices(codes=None) -> list:
    """Choices for a select: by county, by name within it; only `codes` if given
    (a program's municipalities), else all of Sweden. One county: a flat list."""
    wanted = [c for c in (codes or MUNICIPALITIES) if c in MUNICIPALITIES]
    groups: dict[str, list] = {}
    for code in sorted(wanted):
        groups.setdefault(COUNTY_OF[code], []).append((code, MUNICIPALITIES[code]))
    for options in groups.values():
        options.sort(key=lambda option: option[1])
    if len(groups) == 1:
        return next(iter(groups.values()))
    return [(county, groups[county]) for county in sorted(groups)]


def municipalities_offered(program) -> set[str]:
    """The codes a program's registration accepts: its own list, or all."""
    return set(program.municipalities or MUNICIPALITIES)


MUNICIPALITY_CHOOSE = _("Choose municipality")
