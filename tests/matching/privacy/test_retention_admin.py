"""Retention in the admin, as the people use it: a coordinator sees who is due in
the next 30 days and holds or releases them; an administrator sets a program's
rule with its decision; another tenant's staff see and change none of it."""

from datetime import timedelta

from django.utils import timezone
from django_tenants.utils import tenant_context

from matching.models import Participant
from matching.roles import ADMINISTRATORS, COORDINATORS, REFERRERS
from tests.conftest import ALPHA_HOST, BETA_HOST
from tests.factories import signed_in
from tests.matching.factories import ParticipantFactory

DUE = "/admin/matchning/gallring/"
RULES = "/admin/matchning/gallringsregler/"


def _withdrawn(program, *, days_ago: int, **fields) -> Participant:
    person = ParticipantFactory(program=program, status="withdrawn", **fields)
    Participant.objects.filter(pk=person.pk).update(
        status_changed_at=timezone.now() - timedelta(days=days_ago)
    )
    return person


def test_a_coordinator_sees_who_is_due_and_holds_them(alpha, kvinna):
    kvinna.retention_months = 6
    kvinna.save()
    soon = _withdrawn(kvinna, days_ago=170, first_name="Snart")
    _withdrawn(kvinna, days_ago=20, first_name="Senare")
    coordinator = signed_in(alpha, ALPHA_HOST, group=COORDINATORS)

    page = coordinator.get(DUE, HTTP_HOST=ALPHA_HOST)

    assert page.status_code == 200
    assert [p.first_name for p in page.context["page"].object_list] == ["Snart"]
    row = next(r for r in page.context["programs"] if r["program"].pk == kvinna.pk)
    assert (row["due"], row["held_due"]) == (1, 0)
    assert "6 months after the person" in page.content.decode() or (
        "6 månader efter" in page.content.decode()
    )

    empty = coordinator.post(
        f"{DUE}{soon.pk}/spara/", {"reason": "   "}, HTTP_HOST=ALPHA_HOST, follow=True
    )
    assert empty.status_code == 200
    soon.refresh_from_db()
    assert soon.retention_hold_reason == ""
    assert "300" in empty.content.decode()  # the message says what is wanted

    coordinator.post(
        f"{DUE}{soon.pk}/spara/",
        {"reason": "Öppet ärende hos socialtjänsten"},
        HTTP_HOST=ALPHA_HOST,
    )
    soon.refresh_from_db()
    assert soon.retention_hold_reason == "Öppet ärende hos socialtjänsten"
    assert soon.retention_held_by.groups.filter(name=COORDINATORS).exists()
    page = coordinator.get(DUE, HTTP_HOST=ALPHA_HOST)
    assert [p.pk for p in page.context["held_page"].object_list] == [soon.pk]

    coordinator.post(f"{DUE}{soon.pk}/spara/", {"release": "1"}, HTTP_HOST=ALPHA_HOST)
    soon.refresh_from_db()
    assert soon.retention_hold_reason == "" and soon.retention_held_at is None


def test_another_tenant_neither_sees_nor_holds_them(alpha, beta, kvinna):
    kvinna.retention_months = 6
    kvinna.save()
    person = _withdrawn(kvinna, days_ago=170, first_name="Alfaperson")
    beta_coordinator = signed_in(beta, BETA_HOST, group=COORDINATORS)

    page = beta_coordinator.get(DUE, HTTP_HOST=BETA_HOST)
    hold = beta_coordinator.post(
        f"{DUE}{person.pk}/spara/", {"reason": "Försök"}, HTTP_HOST=BETA_HOST
    )

    assert page.status_code == 200
    assert "Alfaperson" not in page.content.decode()
    assert hold.status_code == 404
    with tenant_context(alpha):
        person.refresh_from_db()
        assert person.retention_hold_reason == ""


def test_only_the_roles_that_should_reach_retention_do(alpha, kvinna):
    referrer = signed_in(alpha, ALPHA_HOST, group=REFERRERS)
    coordinator = signed_in(alpha, ALPHA_HOST, group=COORDINATORS)
    person = _withdrawn(kvinna, days_ago=10)

    assert referrer.get(DUE, HTTP_HOST=ALPHA_HOST).status_code != 200
    referrer.post(f"{DUE}{person.pk}/spara/", {"reason": "x"}, HTTP_HOST=ALPHA_HOST)
    person.refresh_from_db()
    assert person.retention_hold_reason == ""
    assert coordinator.get(RULES, HTTP_HOST=ALPHA_HOST).status_code != 200
    edit = coordinator.post(
        f"{RULES}{kvinna.pk}/",
        {"months": 1, "decision": "x", "decision_date": "2026-01-01"},
        HTTP_HOST=ALPHA_HOST,
    )
    assert edit.status_code != 200
    kvinna.refresh_from_db()
    assert kvinna.retention_months != 1


def test_an_administrator_sets_a_shorter_rule_and_is_asked_about_promises(
    alpha, beta, kvinna
):
    kvinna.retention_months = 24
    kvinna.save()
    promised = _withdrawn(kvinna, days_ago=10, retention_months=24)
    admin = signed_in(alpha, ALPHA_HOST, group=ADMINISTRATORS)
    form = {
        "months": "12",
        "decision": "Gallringsbeslut KS 2026/14: uppgifter gallras efter ett år",
        "decision_date": "2026-03-01",
    }

    listing = admin.get(RULES, HTTP_HOST=ALPHA_HOST)
    asked = admin.post(f"{RULES}{kvinna.pk}/", form, HTTP_HOST=ALPHA_HOST)

    assert listing.status_code == 200 and kvinna.name in listing.content.decode()
    assert asked.status_code == 400
    assert asked.context["asks_confirmation"]
    assert 'name="apply_to_promised"' in asked.content.decode()
    kvinna.refresh_from_db()
    assert kvinna.retention_months == 24

    saved = admin.post(
        f"{RULES}{kvinna.pk}/",
        {**form, "apply_to_promised": "no"},
        HTTP_HOST=ALPHA_HOST,
    )
    assert saved.status_code == 302
    kvinna.refresh_from_db()
    promised.refresh_from_db()
    assert (kvinna.retention_months, promised.retention_months) == (12, 24)
    record = admin.get(
        "/admin/matchning/behandlingsregister/?download=1", HTTP_HOST=ALPHA_HOST
    )
    assert "Gallringsbeslut KS 2026/14" in record.content.decode()
    assert "2026-03-01" in record.content.decode()

    bad = admin.post(
        f"{RULES}{kvinna.pk}/",
        {"months": "noll", "decision": "", "decision_date": "igår"},
        HTTP_HOST=ALPHA_HOST,
    )
    assert bad.status_code == 400
    assert set(bad.context["form"].errors) >= {"months", "decision", "decision_date"}

    # Another tenant's administrator cannot open or change alpha's program.
    beta_admin = signed_in(beta, BETA_HOST, group=ADMINISTRATORS)
    other = beta_admin.post(
        f"{RULES}{kvinna.pk}/",
        {**form, "apply_to_promised": "yes"},
        HTTP_HOST=BETA_HOST,
    )
    assert other.status_code == 404
    with tenant_context(alpha):
        promised.refresh_from_db()
        assert promised.retention_months == 24


def test_administrators_see_the_counts_but_no_one_by_name(alpha, kvinna):
    kvinna.retention_months = 6
    kvinna.save()
    person = _withdrawn(kvinna, days_ago=170, first_name="Namnlös")
    Participant.objects.filter(pk=person.pk).update(
        retention_hold_reason="Öppet ärende hos Namnlös"
    )
    _withdrawn(kvinna, days_ago=175, first_name="Anonyma")
    admin = signed_in(alpha, ALPHA_HOST, group=ADMINISTRATORS)

    page = admin.get(DUE, HTTP_HOST=ALPHA_HOST)
    hold = admin.post(
        f"{DUE}{person.pk}/spara/", {"release": "1"}, HTTP_HOST=ALPHA_HOST
    )

    assert page.status_code == 200
    row = next(r for r in page.context["programs"] if r["program"].pk == kvinna.pk)
    assert (row["due"], row["held_due"]) == (1, 1)
    html = page.content.decode()
    assert "Namnlös" not in html and "Anonyma" not in html
    assert hold.status_code in (302, 403)  # refused: the hold stays as it was
    person.refresh_from_db()
    assert person.retention_hold_reason == "Öppet ärende hos Namnlös"
