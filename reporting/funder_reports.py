"""A funder's report for a period, read from the snapshots (public schema): the
programs it funds (across tenants for the operator, in one tenant for its own
staff), with the figures in a funder's terms, small cells suppressed. Nothing
here reads the clock: the same snapshot gives the same report, dated by when the
newest snapshot counted in it was built."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Exists, Max, OuterRef, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from matching.figures import VALUE_CHOICES
from reporting.models import SnapshotFigure, SnapshotProgram, SnapshotRun
from reporting.suppression import suppress
from reporting.tables import Table, value_label
from tenants.models import PartnerOrganisation, Tenant

STOCKHOLM = ZoneInfo(settings.TIME_ZONE)
SIDES = ("a", "b")
# Per program: (metric, side or None for all sides, column heading).
PROGRAM_COLUMNS = (
    ("entered", "a", gettext_lazy("Participants who started")),
    ("entered", "b", gettext_lazy("Mentors and volunteers who started")),
    ("people_matched", None, gettext_lazy("People matched")),
    ("pairs_matched", None, gettext_lazy("Pairs matched")),
    ("pairs_completed", None, gettext_lazy("Pairs completed")),
    ("pairs_ended_early", None, gettext_lazy("Pairs ended early")),
    ("meetings", None, gettext_lazy("Meetings held")),
    ("events", None, gettext_lazy("Events")),
    ("event_yes", None, gettext_lazy("Said they would come to an event")),
    ("event_attended", None, gettext_lazy("Came to an event (head counts)")),
)
FACT_TABLES = (
    ("gender", gettext_lazy("By gender")),
    ("age_band", gettext_lazy("By age at entry")),
    ("employment", gettext_lazy("By employment at entry")),
    ("education", gettext_lazy("By education at entry")),
    ("years_in_sweden", gettext_lazy("By years in Sweden")),
)
TREND_METRICS = ("entered", "pairs_matched", "meetings")


@dataclass
class FunderReport:
    funder: PartnerOrganisation
    start: date  # the first month
    end: date  # the last month (counted whole)
    programs: list[tuple[str, str]]  # (tenant, program), by tenant then program
    partners: list[str]  # the partner organisations of those tenants
    counted_at: datetime | None  # when the newest snapshot counted was built
    tables: list[Table]

    @property
    def file_name(self) -> str:
        return (
            f"finansiarsrapport-{self.funder.organisation_number}-"
            f"{self.start:%Y-%m}-{self.end:%Y-%m}"
        )


def funders_reported(*, tenant: Tenant | None = None):
    """The funders named on at least one program in the snapshots (of `tenant`)."""
    programs = SnapshotProgram.objects.all()
    if tenant is not None:
        programs = programs.filter(tenant=tenant)
    return (
        PartnerOrganisation.objects.filter(
            role=PartnerOrganisation.Role.FUNDER,
            snapshot_programs__in=programs,
        )
        .distinct()
        .order_by("name")
    )


def _funded(funder, tenant):
    programs = SnapshotProgram.objects.filter(funders=funder)
    if tenant is not None:
        programs = programs.filter(tenant=tenant)
    return programs


def funder_report(
    *, funder: PartnerOrganisation, start: date, end: date, tenant: Tenant | None = None
) -> FunderReport:
    programs = list(
        _funded(funder, tenant)
        .select_related("tenant")
        .order_by("tenant__name", "name", "program_ref")
    )
    tenants = sorted({p.tenant_id for p in programs})
    figures = SnapshotFigure.objects.filter(
        month__gte=start, month__lte=end, tenant_id__in=tenants
    ).filter(
        Exists(
            _funded(funder, tenant).filter(
                tenant_id=OuterRef("tenant_id"), program_ref=OuterRef("program_ref")
            )
        )
    )
    sums = defaultdict(int)  # (tenant, program, side, metric) -> total
    for row in figures.values("tenant_id", "program_ref", "side", "metric").annotate(
        total=Sum("value")
    ):
        key = (row["tenant_id"], row["program_ref"], row["side"], row["metric"])
        sums[key] = row["total"]
    trend = defaultdict(dict)
    for row in (
        figures.filter(metric__in=TREND_METRICS)
        .values("month", "metric")
        .annotate(total=Sum("value"))
    ):
        trend[row["month"]][row["metric"]] = row["total"]
    partners = list(
        PartnerOrganisation.objects.filter(partnership__tenant_id__in=tenants)
        .exclude(pk=funder.pk)
        .distinct()
        .order_by("name")
        .values_list("name", flat=True)
    )
    counted_at = SnapshotRun.objects.filter(
        tenant_id__in=tenants, status=SnapshotRun.Status.DONE
    ).aggregate(at=Max("finished_at"))["at"]
    return FunderReport(
        funder=funder,
        start=start,
        end=end,
        programs=[(p.tenant.name, p.name) for p in programs],
        partners=partners,
        counted_at=counted_at,
        tables=[
            _programs_table(programs, sums),
            *(_facts_table(name, title, sums) for name, title in FACT_TABLES),
            _outcomes_table(sums),
            _trend_table(trend),
        ],
    )


def _total(sums, *, metric: str, side: str | None = None, program=None) -> int:
    return sum(
        value
        for (tenant_id, ref, s, m), value in sums.items()
        if m == metric
        and (side is None or s == side)
        and (program is None or (tenant_id, ref) == program)
    )


def _with_totals(table: Table, *, total_row: str | None = None) -> Table:
    """The table's counts with small cells suppressed (the labels kept); a total
    row added before, so that it is suppressed with the rest."""
    if total_row is not None and table.rows:
        width = len(table.headers)
        table.rows.append(
            [total_row, *(sum(row[c] for row in table.rows) for c in range(1, width))]
        )
        table.total_row = True
    shown = suppress([row[1:] for row in table.rows])
    table.rows = [
        [row[0], *cells] for row, cells in zip(table.rows, shown, strict=True)
    ]
    return table


def _programs_table(programs, sums) -> Table:
    rows = [
        [
            f"{p.tenant.name}: {p.name}",
            *(
                _total(
                    sums, metric=metric, side=side, program=(p.tenant_id, p.program_ref)
                )
                for metric, side, _heading in PROGRAM_COLUMNS
            ),
        ]
        for p in programs
    ]
    return _with_totals(
        Table(
            "programs",
            _("The programs"),
            [_("Program"), *(str(heading) for _m, _s, heading in PROGRAM_COLUMNS)],
            rows,
        ),
        total_row=_("All the programs"),
    )


def _facts_table(name: str, title: str, sums) -> Table:
    prefix = f"entered.{name}."
    values = sorted(
        {m[len(prefix) :] for (_t, _r, _s, m) in sums if m.startswith(prefix)}
    )
    rows = [
        [
            value_label(VALUE_CHOICES[name], value),
            *(_total(sums, metric=prefix + value, side=side) for side in SIDES),
        ]
        for value in values
    ]
    return _with_totals(
        Table(
            name,
            str(title),
            [_("Group"), _("Participants"), _("Mentors and volunteers")],
            rows,
            chart=True,
        ),
        total_row=_("Everyone who started"),
    )


def _outcomes_table(sums) -> Table:
    kinds = [k for k in VALUE_CHOICES["followup_kind"].values]
    outcomes = [o for o in VALUE_CHOICES["outcome"].values if o]
    rows = [
        [
            value_label(VALUE_CHOICES["outcome"], outcome),
            *(_total(sums, metric=f"outcome.{kind}.{outcome}") for kind in kinds),
        ]
        for outcome in outcomes
    ]
    return _with_totals(
        Table(
            "outcomes",
            _("Outcomes: what people did next"),
            [
                _("Outcome"),
                *(value_label(VALUE_CHOICES["followup_kind"], kind) for kind in kinds),
            ],
            rows,
            chart=True,
        ),
        total_row=_("Everyone who answered"),
    )


def _trend_table(trend) -> Table:
    labels = {
        "entered": _("People who started"),
        "pairs_matched": _(gettext_lazy("Pairs matched")),
        "meetings": _(gettext_lazy("Meetings held")),
    }
    return _with_totals(
        Table(
            "months",
            _("Month by month"),
            [_("Month"), *(labels[m] for m in TREND_METRICS)],
            [
                [
                    month.strftime("%Y-%m"),
                    *(trend[month].get(m, 0) for m in TREND_METRICS),
                ]
                for month in sorted(trend)
            ],
            chart=True,
        ),
        total_row=_("The whole period"),
    )


def report_heading(report: FunderReport) -> list[tuple[str, str]]:
    """The lines every form of the report is headed with."""
    return [
        (
            _("Funder"),
            f"{report.funder.name} ({report.funder.organisation_number})",
        ),
        (_("Period"), f"{report.start:%Y-%m} – {report.end:%Y-%m}"),
        (
            _("Programs"),
            "; ".join(f"{tenant}: {program}" for tenant, program in report.programs)
            or _("None"),
        ),
        (_("Partner organisations"), ", ".join(report.partners) or _("None")),
        (
            _("Counted"),
            report.counted_at.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")
            if report.counted_at
            else _("Not yet"),
        ),
    ]
