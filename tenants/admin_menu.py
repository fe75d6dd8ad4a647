"""A Wagtail admin menu item shown only to whom it concerns; every app's admin
hooks use it (tenants is the base every app may import)."""

from wagtail.admin.menu import MenuItem


class ShownTo(MenuItem):
    """A menu item shown when `shown_to(user)` says so."""

    def __init__(self, *args, shown_to, **kwargs):
        super().__init__(*args, **kwargs)
        self.shown_to = shown_to

    def is_shown(self, request):
        return self.shown_to(request.user)


def with_perm(perm: str):
    """`shown_to` for those who hold `perm`."""
    return lambda user: user.has_perm(perm)
