"""The coordinators' report page: a program's figures for a period as charts
beside tables, each table as CSV and all as XLSX, with no personal data in any
of them; bad periods get a clear message; other roles and other tenants get
nothing."""

import csv
import io
from datetime import timedelta

import openpyxl
from django.utils import timezone
from django_tenants.utils import tenant_context

from matching.figures import program_figures
from matching.matches.lifecycle import match_confirm
from matching.models import Participant
from matching.participants.report_facts import report_facts_record
from matching.roles import COORDINATORS, REFERRERS
from reporting.tables import figure_tables
from tests.conftest import ALPHA_HOST, BETA_HOST
from tests.factories import signed_in
from tests.matching.factories import MatchFactory, ParticipantFactory

PAGE = "/admin/rapporter/"


def _seeded(program) -> list[Participant]:
    people = [
        ParticipantFactory(
            program=program, side_key=side, first_name=name, phone="+46701112233"
        )
        for side, name in (("a", "Yasmin"), ("a", "Rahel"), ("b", "Birgitta"))
    ]
    for person in people:
        report_facts_record(person)
    match = MatchFactory(
        program=program,
        participant_a=people[0],
        participant_b=people[2],
        published_days_ago=2,
    )
    match_confirm(match=match, participant=people[0])
    return people


def _period(program) -> dict:
    today = timezone.localdate()
    return {
        "program": program.pk,
        "start": (today - timedelta(days=60)).isoformat(),
        "end": today.isoformat(),
    }


def test_a_coordinator_reads_the_figures_and_downloads_them(alpha, kvinna):
    people = _seeded(kvinna)
    coordinator = signed_in(alpha, ALPHA_HOST, group=COORDINATORS)
    period = _period(kvinna)

    page = coordinator.get(PAGE, period, HTTP_HOST=ALPHA_HOST)
    first = coordinator.get(PAGE, HTTP_HOST=ALPHA_HOST)
    table = coordinator.get(
        PAGE, {**period, "format": "csv", "table": "funnel"}, HTTP_HOST=ALPHA_HOST
    )
    book = coordinator.get(PAGE, {**period, "format": "xlsx"}, HTTP_HOST=ALPHA_HOST)

    assert page.status_code == 200 and first.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and 'role="img"' in html
    today = timezone.localdate()
    expected = figure_tables(
        program_figures(
            program=kvinna,
            start=today - timedelta(days=60),
            end=today + timedelta(days=1),
        )
    )
    funnel = next(t for t in expected if t.key == "funnel")
    rows = list(csv.reader(io.StringIO(table.content.decode("utf-8-sig"))))
    assert rows[0] == funnel.headers
    assert rows[1:] == [[str(v) for v in row] for row in funnel.rows]
    assert funnel.rows[1][1:] == [2, 1]  # confirmed: two adepts, one mentor
    assert table["Content-Disposition"].startswith("attachment;")
    workbook = openpyxl.load_workbook(io.BytesIO(book.content))
    assert len(workbook.sheetnames) == len(expected)
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[2]] == funnel.rows[0]
    # No one's name, address or number in any download or on the page.
    everything = (
        html
        + table.content.decode("utf-8-sig")
        + "".join(
            str(cell.value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows()
            for cell in row
        )
    )
    for person in people:
        for trace in (person.first_name, person.email, "701112233"):
            assert trace not in everything


def test_a_bad_period_is_told_clearly(alpha, kvinna):
    coordinator = signed_in(alpha, ALPHA_HOST, group=COORDINATORS)
    backwards = {**_period(kvinna), "start": "2026-06-01", "end": "2026-05-01"}

    wrong = coordinator.get(PAGE, backwards, HTTP_HOST=ALPHA_HOST)
    nonsense = coordinator.get(
        PAGE, {"program": "x", "start": "igår", "end": ""}, HTTP_HOST=ALPHA_HOST
    )
    too_long = coordinator.get(
        PAGE,
        {**_period(kvinna), "start": "2010-01-01", "format": "xlsx"},
        HTTP_HOST=ALPHA_HOST,
    )

    assert wrong.status_code == 400
    assert "ends before it starts" in wrong.content.decode() or (
        "slutar innan den börjar" in wrong.content.decode()
    )
    assert nonsense.status_code == 400
    assert set(nonsense.context["form"].errors) >= {"program", "start", "end"}
    assert too_long.status_code == 400  # no file for a period refused


def test_other_roles_and_tenants_get_nothing(alpha, beta, kvinna):
    _seeded(kvinna)
    referrer = signed_in(alpha, ALPHA_HOST, group=REFERRERS)
    beta_coordinator = signed_in(beta, BETA_HOST, group=COORDINATORS)

    assert referrer.get(PAGE, HTTP_HOST=ALPHA_HOST).status_code != 200
    other = beta_coordinator.get(
        PAGE,
        {**_period(kvinna), "format": "csv", "table": "funnel"},
        HTTP_HOST=BETA_HOST,
    )
    assert other.status_code == 400  # alpha's program is no choice on beta's host
    assert "text/csv" not in other["Content-Type"]
    with tenant_context(beta):
        empty = beta_coordinator.get(PAGE, HTTP_HOST=BETA_HOST)
    assert empty.status_code == 200 and "Yasmin" not in empty.content.decode()


def test_a_coordinator_refreshes_the_platforms_figures_for_their_own_tenant(
    alpha, beta, kvinna
):
    from reporting.models import SnapshotFigure, SnapshotRun

    _seeded(kvinna)
    coordinator = signed_in(alpha, ALPHA_HOST, group=COORDINATORS)
    beta_coordinator = signed_in(beta, BETA_HOST, group=COORDINATORS)

    done = coordinator.post("/admin/rapporter/uppdatera/", HTTP_HOST=ALPHA_HOST)
    page = coordinator.get(PAGE, HTTP_HOST=ALPHA_HOST)
    beta_coordinator.post("/admin/rapporter/uppdatera/", HTTP_HOST=BETA_HOST)

    assert done.status_code == 302
    assert SnapshotRun.objects.get(tenant=alpha).status == "done"
    entered = SnapshotFigure.objects.filter(tenant=alpha, metric="entered")
    assert sum(entered.values_list("value", flat=True)) == 3
    # Beta's refresh built beta's (empty) snapshot, nothing of alpha's.
    assert not SnapshotFigure.objects.filter(tenant=beta).exists()
    assert SnapshotRun.objects.get(tenant=beta).status == "done"
    assert page.status_code == 200 and page.context["snapshot"].status == "done"
