"""A program's figures as named tables: what the coordinators' report page shows
(each chart beside its table), what the CSV and XLSX downloads hold, and what the
staff API returns. One place turns figures into rows, so they always agree."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from matching.figures import VALUE_CHOICES, ProgramFigures
from matching.programs.municipalities import municipality_name


@dataclass
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    chart: bool = False  # a bar chart of the numeric columns beside the table
    total_row: bool = False  # the last row adds up the others (no bar of its own)


def value_label(choices, value: str) -> str:
    if value in ("", "unknown"):
        return _("Not known")
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _side_names(figures: ProgramFigures) -> list[str]:
    return [figures.side_names.get(key, key) for key in sorted(figures.sides)]


def figure_tables(figures: ProgramFigures) -> list[Table]:
    sides = sorted(figures.sides)
    side_names = figures.side_names
    headers = [_("Figure"), *_side_names(figures)]
    funnel_rows = [
        (_("Registered"), "registered"),
        (_("Confirmed"), "confirmed"),
        (_("Matched"), "matched"),
        (_("In the queue now"), "queued_now"),
    ]
    tables = [
        Table(
            "funnel",
            _("People by side"),
            headers,
            [
                [label, *(figures.sides[s][key] for s in sides)]
                for label, key in funnel_rows
            ],
            chart=True,
        ),
        Table(
            "pairs",
            _("Pairs matched in the period and what became of them"),
            [_("Figure"), _("Pairs")],
            [
                [_("Matched"), figures.pairs["matched"]],
                [_("Kickoff held"), figures.pairs["kickoff_held"]],
                [_("Commitment met"), figures.pairs["commitment_met"]],
                [_("Active now"), figures.pairs["active_now"]],
                [_("Completed"), figures.pairs["completed"]],
                [_("Ended early"), figures.pairs["ended_early"]],
            ],
            chart=True,
        ),
        Table(
            "ended_early",
            _("Ended early, by reason"),
            [_("Reason"), _("Pairs")],
            [
                [reason or _("No reason given"), n]
                for reason, n in figures.ended_early_reasons
            ],
        ),
        Table(
            "queue",
            _("The queue now"),
            [
                _("Side"),
                _("Waiting"),
                _("Median days waited"),
                _("90th percentile, days"),
            ],
            [
                [
                    side_names.get(key, key),
                    row["waiting"],
                    row["median_days"],
                    row["p90_days"],
                ]
                for key, row in sorted(figures.queue.items())
            ],
        ),
        Table(
            "time_to_match",
            _("Days from confirmed registration to match"),
            [_("Median"), _("90th percentile")],
            [[figures.days_to_match["median"], figures.days_to_match["p90"]]],
        ),
        Table(
            "activity",
            _("Meetings and events"),
            [_("Figure"), _("Number")],
            [
                [_("Meetings held"), figures.meetings],
                [_("Events"), figures.events["events"]],
                [_("Said they would come"), figures.events["said_yes"]],
                [_("Came (head counts)"), figures.events["came"]],
            ],
        ),
        Table(
            "followups",
            _("Follow-up answers"),
            [_("When"), _("Answers"), _("Average rating (1–5)")],
            [
                [
                    value_label(VALUE_CHOICES["followup_kind"], kind),
                    row["answers"],
                    row["average_rating"],
                ]
                for kind, row in sorted(figures.followups.items())
            ],
        ),
        Table(
            "outcomes",
            _("Outcomes"),
            [_("When"), _("Outcome"), _("People")],
            [
                [
                    value_label(VALUE_CHOICES["followup_kind"], kind),
                    value_label(VALUE_CHOICES["outcome"], outcome),
                    n,
                ]
                for kind, by_outcome in sorted(figures.outcomes.items())
                for outcome, n in sorted(by_outcome.items())
            ],
            chart=True,
        ),
    ]
    for name, title in (
        ("gender", _("People who entered, by gender")),
        ("age_band", _("People who entered, by age at entry")),
        ("years_in_sweden", _("People who entered, by years in Sweden")),
        ("employment", _("People who entered, by employment at entry")),
        ("education", _("People who entered, by education")),
    ):
        choices = VALUE_CHOICES[name]
        values = sorted(
            {
                value
                for side in figures.people_by.values()
                for value in side.get(name, {})
            }
        )
        tables.append(
            Table(
                name,
                title,
                [_("Group"), *_side_names(figures)],
                [
                    [
                        value_label(choices, value),
                        *(
                            figures.people_by.get(s, {}).get(name, {}).get(value, 0)
                            for s in sides
                        ),
                    ]
                    for value in values
                ],
                chart=name == "age_band",
            )
        )
    tables.append(
        Table(
            "municipalities",
            _("By municipality at entry"),
            [_("Municipality"), _("Confirmed"), _("Matched")],
            [
                [
                    municipality_name(code) if code != "unknown" else _("Not known"),
                    row["confirmed"],
                    row["matched"],
                ]
                for code, row in sorted(figures.municipalities.items())
            ],
            chart=True,
        )
    )
    return tables
