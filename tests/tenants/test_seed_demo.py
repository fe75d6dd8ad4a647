from django.contrib.auth import get_user_model
from django.core.management import call_command
from django_tenants.utils import tenant_context
from wagtail.models import Site

from tenants import demo
from tenants.models import PartnerOrganisation, Partnership, Tenant


def test_seed_demo_makes_the_program_tenants_and_is_idempotent(db, capsys):
    call_command("seed_demo", "--port", "8000")
    counts = (
        Tenant.objects.count(),
        PartnerOrganisation.objects.count(),
        Partnership.objects.count(),
    )
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
        assert get_user_model().objects.filter(username="redaktor").exists()
    assert set(demo.TENANTS) <= set(Tenant.objects.values_list("slug", flat=True))
    with tenant_context(kvinna):
        from matching.models import Participant, Program

        program = Program.objects.get(template_key="kvinna")
        assert program.status == "open"
        # Kv(in)na is for women only: the fictional men are not seeded into it.
        assert not Participant.objects.filter(program=program, gender="man").exists()
        assert Participant.objects.filter(program=program, status="queued").count() >= 4
    assert "http://jarfalla.localhost:8000/" in capsys.readouterr().out
