"""The staff API's report: the same tables as the Rapporter page, for a
coordinator's token; clear 400s for a bad period; nothing for anyone without a
token, for another tenant's program, or for a token of another tenant."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone
from django_tenants.utils import tenant_context

from matching.figures import program_figures
from matching.participants.report_facts import report_facts_record
from matching.roles import COORDINATORS
from reporting.tables import figure_tables
from tests.conftest import ALPHA_HOST, BETA_HOST
from tests.factories import api_token, staff_user
from tests.matching.factories import ParticipantFactory


def _get(host, token, path, **query):
    headers = {"HTTP_AUTHORIZATION": f"Token {token}"} if token else {}
    return Client().get(path, query, HTTP_HOST=host, **headers)


def test_a_coordinator_reads_the_report_by_token(alpha, beta, kvinna):
    for side in ("a", "a", "b"):
        report_facts_record(ParticipantFactory(program=kvinna, side_key=side))
    with tenant_context(alpha):
        token = api_token(staff_user(alpha, group=COORDINATORS))
    today = timezone.localdate()
    period = {
        "start": (today - timedelta(days=90)).isoformat(),
        "end": today.isoformat(),
    }
    path = f"/api/v1/staff/reports/programs/{kvinna.pk}/"

    answer = _get(ALPHA_HOST, token, path, **period)
    backwards = _get(ALPHA_HOST, token, path, start=period["end"], end=period["start"])
    nonsense = _get(ALPHA_HOST, token, path, start="igår")
    missing = _get(
        ALPHA_HOST, token, "/api/v1/staff/reports/programs/999999/", **period
    )
    anonymous = _get(ALPHA_HOST, None, path, **period)

    assert answer.status_code == 200
    expected = figure_tables(
        program_figures(
            program=kvinna,
            start=today - timedelta(days=90),
            end=today + timedelta(days=1),
        )
    )
    body = answer.json()
    assert [t["key"] for t in body["tables"]] == [t.key for t in expected]
    funnel = body["tables"][0]
    assert funnel["rows"][1][1:] == [2, 1]  # confirmed: two adepts, one mentor
    assert backwards.status_code == 400 and "end" in backwards.json()
    assert nonsense.status_code == 400 and {"start", "end"} <= set(nonsense.json())
    assert missing.status_code == 404
    assert anonymous.status_code == 401
    # Another tenant's coordinator: alpha's program does not exist on beta's host.
    with tenant_context(beta):
        from matching.models import Program

        assert not Program.objects.filter(pk=kvinna.pk).exists()
        beta_token = api_token(staff_user(beta, group=COORDINATORS))
    other = _get(BETA_HOST, beta_token, path, **period)
    assert other.status_code == 404
    # Alpha's token is refused on beta's host (tokens live in their own schema).
    assert _get(BETA_HOST, token, path, **period).status_code == 401
