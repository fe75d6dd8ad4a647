"""The operator's snapshots: a tenant's monthly counts built into the public schema
agree with counts made by hand, hold no personal data, are one build's whole when
two builds meet; the operator's dashboard shows tenants side by side with small
cells suppressed and exact totals; a real worker builds every tenant, and one
that fails is retried, reported and does not stop the others."""

import os

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_tenants.utils import tenant_context

from matching.matches.lifecycle import match_confirm, match_end, meeting_log
from matching.models import Participant
from matching.monthly_figures import monthly_figures
from matching.participants.report_facts import report_facts_record
from reporting.models import SnapshotFigure, SnapshotProgram, SnapshotRun
from reporting.snapshots import tenant_snapshot_build
from tests.conftest import ALPHA_HOST
from tests.factories import operator_signed_in
from tests.matching.factories import MatchFactory, ParticipantFactory

PUBLIC_HOST = "localhost"
NAMES = ("Yasmin", "Rahel", "Birgitta", "Selam", "Hodan", "Ingrid")


def _seeded(program) -> list[Participant]:
    """Six people entered this month (four adepts in 0182, two mentors in 0127),
    two pairs published, one of which met twice and ended."""
    people = []
    for index, name in enumerate(NAMES):
        side = "a" if index < 4 else "b"
        person = ParticipantFactory(
            program=program,
            side_key=side,
            first_name=name,
            municipality="0182" if side == "a" else "0127",
            phone="+46705550101",
            confirmed_at=timezone.now(),
        )
        report_facts_record(person)
        people.append(person)
    first = MatchFactory(
        program=program,
        participant_a=people[0],
        participant_b=people[4],
        published_days_ago=0,
    )
    match_confirm(match=first, participant=people[0])
    match_confirm(match=first, participant=people[4])
    for _ in range(2):
        meeting_log(
            match=first, participant=people[0], happened_on=timezone.localdate()
        )
    match_end(match=first, reason="Klart")
    MatchFactory(
        program=program,
        participant_a=people[1],
        participant_b=people[5],
        published_days_ago=0,
    )
    return people


def _value(tenant, metric: str, **fields) -> int:
    return sum(
        SnapshotFigure.objects.filter(
            tenant=tenant, metric=metric, **fields
        ).values_list("value", flat=True)
    )


def test_a_snapshot_holds_counts_by_hand_and_nothing_personal(alpha, kvinna):
    people = _seeded(kvinna)
    month = timezone.localdate().replace(day=1)

    built = tenant_snapshot_build(alpha)

    assert built == SnapshotFigure.objects.filter(tenant=alpha).count() > 0
    assert _value(alpha, "entered", month=month, side="a", municipality="0182") == 4
    assert _value(alpha, "entered", month=month, side="b", municipality="0127") == 2
    assert _value(alpha, "entered.gender.woman", month=month) == 6
    assert _value(alpha, "people_matched", month=month) == 4
    assert _value(alpha, "pairs_matched", month=month) == 2
    assert _value(alpha, "pairs_ended_early", month=month) == 1
    assert _value(alpha, "meetings", month=month) == 2
    assert _value(alpha, "pairs_active_now", month=month) == 1
    assert SnapshotProgram.objects.get(tenant=alpha, program_ref=kvinna.pk).kind == (
        "kvinna"
    )
    assert SnapshotRun.objects.get(tenant=alpha).status == "done"
    # Nothing that names anyone, anywhere in the public schema's report tables.
    stored = " ".join(
        " ".join(str(value) for value in row)
        for model in (SnapshotFigure, SnapshotProgram, SnapshotRun)
        for row in model.objects.values_list()
    )
    for person in people:
        for trace in (person.first_name, person.email, "705550101", "1990-01-01"):
            assert trace not in stored
    # A second build replaces the first: the same figures, none twice.
    assert tenant_snapshot_build(alpha) == built
    assert SnapshotFigure.objects.filter(tenant=alpha).count() == built


def test_the_operator_sees_tenants_side_by_side_with_small_cells_hidden(
    alpha, beta, kvinna
):
    _seeded(kvinna)
    tenant_snapshot_build(alpha)
    with tenant_context(beta):
        tenant_snapshot_build(beta)  # nothing there: a row of zeros
    connection.set_schema_to_public()
    client = operator_signed_in("rapportor")

    page = client.get("/operator/reports/", HTTP_HOST=PUBLIC_HOST)
    bad = client.get("/operator/reports/", {"start": "2026-13"}, HTTP_HOST=PUBLIC_HOST)
    by_place = client.get(
        "/operator/reports/", {"municipality": "0127"}, HTTP_HOST=PUBLIC_HOST
    )

    assert page.status_code == 200
    rows = dict(page.context["rows"])
    # Alpha: 6 entered, 4 matched, 2 pairs, 1 active, 2 meetings, 0 completed,
    # 1 ended early: the 1–4s are hidden; beta's zeros under them are withheld (each
    # column would otherwise hold one hidden cell beside an exact total).
    assert rows[alpha.name] == [6, "<5", "<5", "<5", "<5", 0, "<5"]
    assert rows[beta.name] == [0, "..", "..", "..", "..", 0, ".."]
    assert page.context["totals"] == [6, 4, 2, 1, 2, 0, 1]
    assert bad.status_code == 400
    assert bad.context["form"].errors["start"] == ["Ange en månad som ÅÅÅÅ-MM."]
    assert by_place.status_code == 200
    assert by_place.context["totals"][0] == 2  # the two mentors of 0127
    assert by_place.context["totals"][4] is None  # meetings are not by place


def test_tenant_staff_do_not_reach_the_operators_reports(alpha):
    from matching.roles import COORDINATORS
    from tests.factories import signed_in

    coordinator = signed_in(alpha, ALPHA_HOST, group=COORDINATORS)
    on_their_host = coordinator.get("/operator/reports/", HTTP_HOST=ALPHA_HOST)
    anonymous = Client().get("/operator/reports/", HTTP_HOST=PUBLIC_HOST)

    assert on_their_host.status_code == 404
    assert anonymous.status_code == 302 and "/operator/login/" in anonymous["Location"]


@pytest.mark.slow
def test_two_builds_at_the_same_moment_leave_one_whole_snapshot(django_db_blocker):
    from tests.matching.committed import committed_program, together, told

    with committed_program(django_db_blocker) as (alpha, program):
        _seeded(program)
        expected = len(monthly_figures())

        results = told(
            together(
                alpha,
                lambda: tenant_snapshot_build(alpha),
                lambda: tenant_snapshot_build(alpha),
            )
        )

        assert results == [expected, expected]
        assert SnapshotFigure.objects.filter(tenant=alpha).count() == expected
        SnapshotFigure.objects.filter(tenant=alpha).delete()
        SnapshotProgram.objects.filter(tenant=alpha).delete()
        SnapshotRun.objects.filter(tenant=alpha).delete()


@pytest.mark.slow
@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs a Redis server (REDIS_URL)"
)
def test_a_real_worker_builds_every_tenant_past_a_broken_one(
    django_db_setup, django_db_blocker
):
    from reporting.tasks import snapshot_all
    from tenants.models import Tenant
    from tests.workers import broker, wait_for, worker

    url = os.environ["REDIS_URL"].rsplit("/", 1)[0] + "/12"
    env = {"REPORT_SNAPSHOT_RETRY_SECONDS": "0"}
    with django_db_blocker.unblock(), broker(url), worker(url, **env) as process:
        connection.set_schema_to_public()
        broken = Tenant.objects.create(
            slug="a-trasig-rapport",
            name="Trasig",
            schema_name="a_trasig_rapport",
            schema_ready=True,
        )
        tenants = list(Tenant.objects.filter(slug__in=["alpha", "beta"]))
        try:
            snapshot_all.apply_async()

            def settled() -> bool:
                runs = {
                    run.tenant_id: run
                    for run in SnapshotRun.objects.filter(tenant__in=[broken, *tenants])
                }
                done = all(
                    t.pk in runs and runs[t.pk].status == "done" for t in tenants
                )
                gave_up = broken.pk in runs and runs[broken.pk].attempts == 4
                return done and gave_up and runs[broken.pk].status == "failed"

            wait_for(settled, process, timeout=90)
            run = SnapshotRun.objects.get(tenant=broken)
            assert run.error and "a_trasig" not in run.error
        finally:
            connection.set_schema_to_public()
            SnapshotRun.objects.all().delete()
            SnapshotFigure.objects.all().delete()
            SnapshotProgram.objects.all().delete()
            Tenant.objects.filter(pk=broken.pk).delete()
