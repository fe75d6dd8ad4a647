import pytest

from config.errors import ApplicationError
from tenants.models import PartnerOrganisation
from tenants.services.partners import partner_organisation_upsert, partnership_add
from tenants.validators import ORGNR_INVALID


def test_organisation_number_is_checked_and_formatted(db):
    org = partner_organisation_upsert(
        name="Nacka kommun", organisation_number="2120000167", role="municipality"
    )
    assert org.organisation_number == "212000-0167"


@pytest.mark.parametrize("number", ["212000-0168", "12345", "abcdef-ghij", ""])
def test_a_wrong_check_digit_is_refused(db, number):
    with pytest.raises(ApplicationError) as error:
        partner_organisation_upsert(
            name="X", organisation_number=number, role="municipality"
        )
    assert error.value.message == ORGNR_INVALID.format(value=number)


def test_a_municipality_can_be_partner_in_several_tenants(alpha, beta):
    org = partner_organisation_upsert(
        name="Botkyrka kommun", organisation_number="212000-2882", role="municipality"
    )
    partnership_add(tenant=alpha, organisation=org)
    partnership_add(tenant=beta, organisation=org)
    partnership_add(tenant=beta, organisation=org)
    assert set(org.tenants.values_list("slug", flat=True)) == {"alpha", "beta"}
    assert list(beta.partners.all()) == [org]
    assert PartnerOrganisation.objects.count() == 1
