import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import orgnr

SLUG_RE = re.compile(r"^[a-z][a-z0-9-]{1,38}[a-z0-9]$")
# Hostnames: labels of letters, digits and hyphens, at least one dot (or *.localhost).
HOST_LABEL_RE = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")

RESERVED_SLUGS = frozenset(
    {
        "public",
        "www",
        "operator",
        "admin",
        "api",
        "static",
        "media",
        "mail",
        "kompis-template",
        "information-schema",
    }
)

SLUG_INVALID = _(
    "The slug must be 3 to 40 characters: lowercase letters a-z, digits and hyphens, "
    "starting with a letter and not ending with a hyphen."
)
SLUG_RESERVED = _("The slug {slug!r} is reserved for the platform.")
HOST_INVALID = _("{host!r} is not a valid host name (e.g. jarfalla.kompis.se).")
ORGNR_INVALID = _("{value!r} is not a valid Swedish organisation number (NNNNNN-NNNN).")


def validate_slug(value: str) -> None:
    if not SLUG_RE.match(value or "") or value.startswith("pg-"):
        raise ValidationError(SLUG_INVALID)
    if value in RESERVED_SLUGS:
        raise ValidationError(SLUG_RESERVED.format(slug=value))


def normalise_host(value: str) -> str:
    host = (value or "").strip().lower().rstrip(".")
    labels = host.split(".")
    if (
        len(host) > 253
        or len(labels) < 2
        or not all(HOST_LABEL_RE.match(label) for label in labels)
    ):
        raise ValidationError(HOST_INVALID.format(host=value))
    return host


def validate_organisation_number(value: str) -> None:
    try:
        orgnr.validate(value)
    except StdnumError:
        raise ValidationError(ORGNR_INVALID.format(value=value)) from None


def digits_only(value: str) -> str:
    """The digits of an organisation or Bankgiro number, without - or spaces."""
    return "".join(ch for ch in str(value) if ch.isdigit())


def format_organisation_number(value: str) -> str:
    return orgnr.format(value)
