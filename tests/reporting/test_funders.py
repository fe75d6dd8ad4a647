"""Funders: a program names the organisations that pay for it, chosen among its
tenant's partners with the role funder (never another tenant's); the snapshot
carries them; the operator's reports filter by funder."""

from django.db import connection
from django.utils import timezone
from django_tenants.utils import tenant_context

from matching.models import Program
from matching.participants.report_facts import report_facts_record
from matching.programs.services import program_create_from_template
from matching.roles import COORDINATORS
from reporting.models import SnapshotProgram
from reporting.snapshots import tenant_snapshot_build
from tenants.models import Partnership
from tenants.services.partners import partner_organisation_upsert, partnership_add
from tests.conftest import ALPHA_HOST, PUBLIC_HOST
from tests.factories import operator_signed_in, signed_in
from tests.matching.factories import ParticipantFactory, program_form_data


def _funder(name: str, number: str, tenant):
    organisation = partner_organisation_upsert(
        name=name, organisation_number=number, role="funder"
    )
    partnership_add(tenant=tenant, organisation=organisation)
    return organisation


def test_a_program_names_funders_among_its_own_tenants_partners_only(alpha, beta):
    ours = _funder("Länsstyrelsen i Stockholms län", "202100-2312", alpha)
    theirs = _funder("Stiftelsen för kvinnors etablering", "802014-6588", beta)
    coordinator = signed_in(alpha, ALPHA_HOST, group=COORDINATORS)

    form = coordinator.get("/admin/programs/new/", HTTP_HOST=ALPHA_HOST)
    refused = coordinator.post(
        "/admin/programs/new/",
        {**program_form_data("interests"), "funders": [str(theirs.pk)]},
        HTTP_HOST=ALPHA_HOST,
    )
    with tenant_context(alpha):
        assert not Program.objects.exists()
    saved = coordinator.post(
        "/admin/programs/new/",
        {**program_form_data("interests"), "funders": [str(ours.pk)]},
        HTTP_HOST=ALPHA_HOST,
    )

    assert ours.name in form.content.decode()
    assert theirs.name not in form.content.decode()
    assert refused.status_code == 200
    assert (
        f"Välj ett giltigt alternativ. {theirs.pk} finns inte bland tillgängliga"
        in refused.content.decode()
    )
    assert saved.status_code == 302
    with tenant_context(alpha):
        assert Program.objects.get(slug="sprakvanner").funders == [ours.pk]


def _entered(program, count: int, municipality: str) -> None:
    for _ in range(count):
        person = ParticipantFactory(
            program=program,
            municipality=municipality,
            confirmed_at=timezone.now(),
        )
        report_facts_record(person)


def test_the_operator_sees_a_funders_programs_only(alpha, beta):
    funder = _funder("Länsstyrelsen i Stockholms län", "202100-2312", alpha)
    with tenant_context(alpha):
        funded = program_create_from_template(template_key="kvinna", status="open")
        funded.funders = [funder.pk]
        funded.save()
        other = program_create_from_template(
            template_key="mentorskap", status="open", slug="mentorskap"
        )
        _entered(funded, 7, "0182")
        _entered(other, 9, "0182")
        tenant_snapshot_build(alpha)
    with tenant_context(beta):
        tenant_snapshot_build(beta)
    connection.set_schema_to_public()
    client = operator_signed_in("rapportor")

    everyone = client.get("/operator/reports/", HTTP_HOST=PUBLIC_HOST)
    funded_only = client.get(
        "/operator/reports/", {"funder": str(funder.pk)}, HTTP_HOST=PUBLIC_HOST
    )
    unknown = client.get(
        "/operator/reports/", {"funder": "999999"}, HTTP_HOST=PUBLIC_HOST
    )

    assert dict(everyone.context["rows"])[alpha.name][0] == 16
    assert list(funded_only.context["rows"]) == [
        (alpha.name, funded_only.context["rows"][0][1])
    ]
    assert funded_only.context["rows"][0][1][0] == 7
    assert funded_only.context["totals"][0] == 7
    assert (str(funder.pk), funder.name) in funded_only.context["form"].fields[
        "funder"
    ].choices
    assert unknown.status_code == 400

    # A funder that leaves the partnership is not told of the program any more.
    Partnership.objects.filter(organisation=funder).delete()
    with tenant_context(alpha):
        tenant_snapshot_build(alpha)
    connection.set_schema_to_public()
    assert not SnapshotProgram.objects.filter(funders=funder).exists()
