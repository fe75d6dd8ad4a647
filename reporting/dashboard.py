"""What the operator's dashboard reads from the snapshots (public schema): one
grouped query for the tenants side by side, one for the trend. Exact figures;
the view suppresses small cells before they are shown."""

from datetime import date

from django.db.models import Exists, OuterRef, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from matching.programs.municipalities import municipality_name
from reporting.models import SnapshotFigure, SnapshotProgram, SnapshotRun
from reporting.tables import Table
from tenants.models import PartnerOrganisation
from tenants.selectors import tenants_ready

COLUMNS = [
    ("entered", gettext_lazy("People who entered")),
    ("people_matched", gettext_lazy("People matched")),
    ("pairs_matched", gettext_lazy("Pairs matched")),
    ("pairs_active_now", gettext_lazy("Pairs active now")),
    ("meetings", gettext_lazy("Meetings held")),
    ("pairs_completed", gettext_lazy("Pairs completed")),
    ("pairs_ended_early", gettext_lazy("Pairs ended early")),
]
# Counted per municipality (of the person, or of a pair's first person); the
# others are not, and show "–" when a municipality is chosen.
BY_MUNICIPALITY = {
    "entered",
    "people_matched",
    "pairs_matched",
    "pairs_completed",
    "pairs_ended_early",
}
NOW_METRICS = {"pairs_active_now"}


def _figures(*, kind: str, municipality: str, funder: int | None = None):
    figures = SnapshotFigure.objects.all()
    if kind:
        figures = figures.filter(program_kind=kind)
    if municipality:
        figures = figures.filter(municipality=municipality)
    if funder:
        figures = figures.filter(
            Exists(
                SnapshotProgram.objects.filter(
                    tenant_id=OuterRef("tenant_id"),
                    program_ref=OuterRef("program_ref"),
                    funders=funder,
                )
            )
        )
    return figures


def dashboard_rows(
    *,
    start: date,
    end: date,
    kind: str,
    municipality: str,
    today: date,
    funder: int | None = None,
) -> tuple[list[str], list[list], list]:
    """(tenant names, their figures row by row, the platform's exact totals)."""
    figures = _figures(kind=kind, municipality=municipality, funder=funder)
    period = [key for key, _label in COLUMNS if key not in NOW_METRICS]
    sums = {
        (row["tenant_id"], row["metric"]): row["total"]
        for row in figures.filter(month__gte=start, month__lte=end, metric__in=period)
        .values("tenant_id", "metric")
        .annotate(total=Sum("value"))
    }
    sums.update(
        {
            (row["tenant_id"], row["metric"]): row["total"]
            for row in figures.filter(
                month=today.replace(day=1), metric__in=NOW_METRICS
            )
            .values("tenant_id", "metric")
            .annotate(total=Sum("value"))
        }
    )
    shown = [
        key for key, _label in COLUMNS if not municipality or key in BY_MUNICIPALITY
    ]
    tenants = tenants_ready().order_by("name")
    if funder:  # only the tenants with a program it funds
        tenants = tenants.filter(
            pk__in=SnapshotProgram.objects.filter(funders=funder).values("tenant_id")
        )
    names, matrix = [], []
    for tenant in tenants:
        names.append(tenant.name)
        matrix.append(
            [
                sums.get((tenant.pk, key), 0) if key in shown else None
                for key, _l in COLUMNS
            ]
        )
    totals = [
        sum(row[index] for row in matrix) if key in shown else None
        for index, (key, _label) in enumerate(COLUMNS)
    ]
    return names, matrix, totals


def monthly_trend(
    *, start: date, end: date, kind: str, municipality: str, funder: int | None = None
) -> Table:
    """The platform's totals month by month (exact: no tenant can be told apart)."""
    metrics = ["entered", "people_matched", "meetings"]
    if municipality:
        metrics = ["entered", "people_matched"]
    rows: dict[date, dict[str, int]] = {}
    for row in (
        _figures(kind=kind, municipality=municipality, funder=funder)
        .filter(month__gte=start, month__lte=end, metric__in=metrics)
        .values("month", "metric")
        .annotate(total=Sum("value"))
    ):
        rows.setdefault(row["month"], {})[row["metric"]] = row["total"]
    labels = dict(COLUMNS)
    return Table(
        "trend",
        _("Month by month, all tenants"),
        [_("Month"), *(str(labels[m]) for m in metrics)],
        [
            [month.strftime("%Y-%m"), *(rows[month].get(m, 0) for m in metrics)]
            for month in sorted(rows)
        ],
        chart=True,
    )


def filter_choices() -> tuple[list, list, list]:
    kinds: dict[str, str] = {}
    for kind, name in (
        SnapshotProgram.objects.exclude(kind="")
        .values_list("kind", "name")
        .order_by("kind", "name")
    ):
        kinds.setdefault(kind, name)
    codes = (
        SnapshotFigure.objects.filter(metric="entered")
        .exclude(municipality="")
        .values_list("municipality", flat=True)
        .distinct()
    )
    funders = (
        PartnerOrganisation.objects.filter(snapshot_programs__isnull=False)
        .distinct()
        .order_by("name")
        .values_list("pk", "name")
    )
    return (
        sorted((kind, f"{name} ({kind})") for kind, name in kinds.items()),
        sorted(((code, municipality_name(code)) for code in codes), key=lambda c: c[1]),
        [(str(pk), name) for pk, name in funders],
    )


def failed_snapshots():
    return SnapshotRun.objects.filter(status=SnapshotRun.Status.FAILED).select_related(
        "tenant"
    )
