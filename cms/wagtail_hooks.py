from wagtail import hooks

from cms.page_cache import CACHEABLE_ATTRIBUTE


@hooks.register("on_serve_page")
def mark_anonymous_public_pages_cacheable(next_serve_page):
    """Only what Wagtail serves to an anonymous visitor, of a page that has no view
    restriction, may go into the page cache (cms.page_cache)."""

    def serve(page, request, args, kwargs):
        response = next_serve_page(page, request, args, kwargs)
        if (
            not request.user.is_authenticated
            and not getattr(request, "is_preview", False)
            and not page.get_view_restrictions().exists()
        ):
            setattr(response, CACHEABLE_ATTRIBUTE, True)
        return response

    return serve


@hooks.register("construct_homepage_panels")
def add_onboarding_panel(request, panels):
    """A new site's first steps, for its administrators (cms/onboarding.py)."""
    from cms.onboarding import onboarding_panel

    panel = onboarding_panel(request)
    if panel is not None:
        panels.append(panel)
