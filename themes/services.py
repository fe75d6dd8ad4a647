from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import Site

from config.errors import ApplicationError
from themes.models import ThemeSettings

THEME_FIELDS = frozenset(
    {
        "base_theme",
        "primary_colour",
        "accent_colour",
        "font",
        "logo",
        "favicon",
        "hero_image",
    }
)


def theme_initialise(*, tenant, hostname: str) -> ThemeSettings:
    """Give the tenant's site the default theme."""
    site = Site.objects.get(is_default_site=True)
    theme, _ = ThemeSettings.objects.get_or_create(site=site)
    return theme


@transaction.atomic
def theme_update(*, theme: ThemeSettings, **fields) -> ThemeSettings:
    """Change a site's theme. Colours whose contrast is below WCAG 2.1 AA are
    refused (ApplicationError) with messages naming each pair and its ratio; the
    admin's settings form refuses them the same way, through the model's clean()."""
    unknown = set(fields) - THEME_FIELDS
    if unknown:
        raise TypeError(f"Not theme fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(theme, name, value)
    try:
        theme.full_clean()
    except ValidationError as error:
        messages = [m for ms in error.message_dict.values() for m in ms]
        raise ApplicationError(
            " ".join(messages), {"fields": error.message_dict}
        ) from None
    theme.save()
    return theme


LISTING_LOGO_MAX_BYTES = 150_000


def listing_logo(*, tenant) -> str:
    """The site's logo, small, as a data: address for the platform's public page
    (served from another host, whose policy allows images only from itself or
    data:); empty without a logo. Called in the tenant's schema."""
    import base64

    site = Site.objects.filter(is_default_site=True).first()
    theme = ThemeSettings.objects.filter(site=site).select_related("logo").first()
    if theme is None or theme.logo is None:
        return ""
    try:
        rendition = theme.logo.get_rendition("max-240x80|format-png")
        with rendition.file.open("rb") as image:
            data = image.read(LISTING_LOGO_MAX_BYTES + 1)
    except (OSError, ValueError):  # the file is gone or not an image
        return ""
    if len(data) > LISTING_LOGO_MAX_BYTES:
        return ""
    return "data:image/png;base64," + base64.b64encode(data).decode()
