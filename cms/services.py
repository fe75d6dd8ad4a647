"""Setting up a tenant's landing site inside its schema (called by provisioning)."""

from django.conf import settings
from wagtail.models import Page, Site

from cms.models import HomePage

DEFAULT_INTRO = (
    "<p>Välkommen till {name}! Här möts nya och etablerade invånare. "
    "Snart kan du läsa mer om våra program och anmäla dig.</p>"
)


def template_prepare() -> None:
    """Leave only Wagtail's root page in the template: remove its welcome page and site.

    Idempotent; runs with the template schema active.
    """
    Site.objects.all().delete()
    for page in Page.objects.filter(depth=2):
        page.delete()


def site_initialise(*, tenant, hostname: str) -> HomePage:
    """Create the tenant's home page (titled with its name) and its Wagtail Site."""
    root = Page.get_first_root_node()
    home = HomePage(
        title=tenant.name,
        slug="home",
        intro=DEFAULT_INTRO.format(name=tenant.name),
        seo_title=tenant.name,
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.create(
        hostname=hostname,
        port=settings.PLATFORM_SITE_PORT,
        site_name=tenant.name,
        root_page=home,
        is_default_site=True,
    )
    return home


def site_hostname_set(*, tenant, hostname: str) -> None:
    Site.objects.filter(is_default_site=True).update(hostname=hostname)
