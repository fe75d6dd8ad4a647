from wagtail.models import Site

from themes.models import ThemeSettings


def theme_initialise(*, tenant, hostname: str) -> ThemeSettings:
    """Give the tenant's site the default theme."""
    site = Site.objects.get(is_default_site=True)
    theme, _ = ThemeSettings.objects.get_or_create(site=site)
    return theme
