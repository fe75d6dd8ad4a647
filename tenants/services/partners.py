from django.core.exceptions import ValidationError

from config.errors import ApplicationError
from tenants.models import PartnerOrganisation, Partnership, Tenant
from tenants.validators import format_organisation_number, validate_organisation_number


def partner_organisation_upsert(
    *, name: str, organisation_number: str, role: str
) -> PartnerOrganisation:
    """Create or update an organisation, keyed by its organisation number."""
    try:
        validate_organisation_number(organisation_number)
    except ValidationError as error:
        raise ApplicationError(
            error.messages[0], {"field": "organisation_number"}
        ) from None
    if role not in PartnerOrganisation.Role.values:
        raise ApplicationError(f"Unknown role {role!r}.", {"field": "role"})
    organisation, _ = PartnerOrganisation.objects.update_or_create(
        organisation_number=format_organisation_number(organisation_number),
        defaults={"name": name.strip(), "role": role},
    )
    return organisation


def partnership_add(
    *, tenant: Tenant, organisation: PartnerOrganisation
) -> Partnership:
    partnership, _ = Partnership.objects.get_or_create(
        tenant=tenant, organisation=organisation
    )
    return partnership
