from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django_tenants.utils import tenant_context
from wagtail.models import Site

from cms.services import EDITORS_GROUP, PUBLISHERS_GROUP
from matching.roles import ADMINISTRATORS, COORDINATORS, REFERRERS
from tenants import demo
from tenants.models import PartnerOrganisation, Partnership, Tenant

DEMO_ACCOUNTS = {
    "samordnare": COORDINATORS,
    "redaktor": EDITORS_GROUP,
    "publicist": PUBLISHERS_GROUP,
    "administrator": ADMINISTRATORS,
}


def _groups_of(username: str) -> set[str]:
    user = get_user_model().objects.filter(username=username).first()
    return set(user.groups.values_list("name", flat=True)) if user else set()


def test_seed_demo_makes_the_program_tenants_and_is_idempotent(db, capsys):
    call_command("seed_demo", "--port", "8000")
    counts = (
        Tenant.objects.count(),
        PartnerOrganisation.objects.count(),
        Partnership.objects.count(),
    )
    # An older seed put the coordinator in Wagtail's "Moderators" and a release
    # changed the group's permissions: a second run puts both right.
    with tenant_context(Tenant.objects.get(slug="jarfalla")):
        samordnare = get_user_model().objects.get(username="samordnare")
        samordnare.groups.set([Group.objects.get(name="Moderators")])
        Group.objects.get(name=COORDINATORS).permissions.clear()
    call_command("seed_demo", "--port", "8000")

    assert (
        Tenant.objects.count(),
        PartnerOrganisation.objects.count(),
        Partnership.objects.count(),
    ) == counts
    kvinna = Tenant.objects.get(slug="kvinna")
    assert kvinna.kind == Tenant.Kind.PARTNERSHIP
    municipalities = kvinna.partners.filter(role=PartnerOrganisation.Role.MUNICIPALITY)
    assert municipalities.count() == 6
    jarfalla = Tenant.objects.get(slug="jarfalla")
    # Järfälla kommun runs JärfällaKompis and is a partner in Färdighetsprogrammet.
    assert set(
        PartnerOrganisation.objects.get(name="Järfälla kommun").tenants.values_list(
            "slug", flat=True
        )
    ) == {"jarfalla", "fardighet"}
    with tenant_context(jarfalla):
        assert Site.objects.get().root_page.title == "JärfällaKompis"
        assert get_user_model().objects.filter(username="redaktor").count() == 1
        assert (
            get_user_model()
            .objects.get(username="samordnare")
            .has_perm("matching.change_participant")
        )
    assert set(demo.TENANTS) <= set(Tenant.objects.values_list("slug", flat=True))
    for tenant in Tenant.objects.filter(slug__in=demo.TENANTS):
        with tenant_context(tenant):
            for username, group in DEMO_ACCOUNTS.items():
                assert _groups_of(username) == {group}, (tenant.slug, username)
            referrer = {REFERRERS} if tenant.slug in demo.REFERRAL_TENANTS else set()
            assert _groups_of("remittent") == referrer, tenant.slug
    assert {"botkyrka", "kvinna"} <= set(demo.REFERRAL_TENANTS)
    with tenant_context(kvinna):
        from matching.models import Participant, Program

        program = Program.objects.get(template_key="kvinna")
        assert program.status == "open"
        # Kv(in)na is for women only: no man is seeded into it.
        assert not Participant.objects.filter(program=program, gender="man").exists()
        queued = Participant.objects.filter(program=program, status="queued")
        assert queued.filter(side_key="a").count() >= 60
        assert queued.filter(side_key="b").count() >= 60
    # The operator's reports have figures: each demo tenant's snapshot is built.
    from matching.models import ReportFacts
    from reporting.models import SnapshotFigure

    with tenant_context(kvinna):
        entered_people = ReportFacts.objects.count()
    entered = SnapshotFigure.objects.filter(tenant=kvinna, metric="entered")
    assert sum(entered.values_list("value", flat=True)) == entered_people >= 135
    out = capsys.readouterr().out
    assert "http://jarfalla.localhost:8000/" in out and "remittent" in out
