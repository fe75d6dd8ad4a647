from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Landing site"

    def ready(self):
        # Wagtail announces publishing through signals; the page cache listens so
        # that no publish path (admin, workflow, scheduled, script) is missed.
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import (
            page_published,
            page_slug_changed,
            page_unpublished,
            post_page_move,
        )

        from cms.page_cache import page_cache_invalidate_current_tenant as renew
        from themes.models import ThemeSettings

        for signal in (
            page_published,
            page_unpublished,
            page_slug_changed,
            post_page_move,
        ):
            signal.connect(renew, dispatch_uid=f"page-cache-{id(signal)}")
        post_delete.connect(renew, sender="wagtailcore.Page", dispatch_uid="pc-del")
        post_save.connect(renew, sender=ThemeSettings, dispatch_uid="pc-theme")
        post_save.connect(renew, sender="wagtailcore.Site", dispatch_uid="pc-site")
