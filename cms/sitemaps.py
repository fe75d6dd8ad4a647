"""sitemap.xml of a tenant's site: its page trees in every language."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class SiteSitemap(Sitemap):
    """Wagtail's sitemap covers the site's root page only; with Wagtail's i18n
    each language is a tree of its own beside it (the English home is the
    Swedish home's translation), so list all of them."""

    def items(self):
        root = self.get_wagtail_site().root_page
        homes = Page.objects.live().filter(translation_key=root.translation_key)
        trees = Q(pk=root.pk)
        for home in homes:
            trees |= Q(path__startswith=home.path)
        return (
            Page.objects.live()
            .public()
            .filter(trees)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
