from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Landing site"

    def ready(self):
        # Wagtail announces publishing through signals; the page cache listens so
        # that no publish path (admin, workflow, scheduled, script) is missed.
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from wagtail.models import PageViewRestriction
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
        # A view restriction added, changed or removed: a page cached while open
        # must not stay served to everyone, nor a page opened stay refused.
        for signal in (post_save, post_delete):
            signal.connect(
                renew, sender=PageViewRestriction, dispatch_uid=f"pc-pvr-{id(signal)}"
            )
        m2m_changed.connect(
            renew, sender=PageViewRestriction.groups.through, dispatch_uid="pc-pvr-g"
        )
        # Program pages show the sign-up links of an open program and its sides'
        # names: opening, closing or renaming one shows at once.
        for sender in ("matching.Program", "matching.ProgramSide"):
            post_save.connect(renew, sender=sender, dispatch_uid=f"pc-{sender}")
            post_delete.connect(renew, sender=sender, dispatch_uid=f"pc-d-{sender}")
