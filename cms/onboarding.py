"""The new site's first steps, on its administrators' dashboard: each step links
to where it is done and ticks itself when it is (read from the site as it is,
not from a flag anyone sets): theme and logo, the partners' logos, the home
page's text, the accessibility statement reviewed, the first program opened,
the first coordinator invited, the site published."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from cms.models import AccessibilityStatementPage
from matching.models import Program
from matching.roles import ADMINISTRATORS, COORDINATORS
from tenants.staff_access.api_tokens import manages_staff_access
from themes.models import ThemeSettings


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    done: bool
    url: str


def _edited_by_a_person(page) -> bool:
    return page.revisions.filter(user__isnull=False).exists()


def onboarding_steps(site) -> list[Step]:
    home = site.root_page.specific
    theme = ThemeSettings.for_site(site)
    statement = (
        AccessibilityStatementPage.objects.child_of(home).live().first()
        if home
        else None
    )
    home_edit = reverse("wagtailadmin_pages:edit", args=[home.pk])
    live = home.live_revision
    draft = home.get_latest_revision_as_object()  # saved, maybe not published
    return [
        Step(
            "theme",
            _("Choose the site's colours and upload its logo"),
            theme.logo_id is not None,
            reverse("wagtailsettings:edit", args=["themes", "themesettings", site.pk]),
        ),
        Step(
            "partners",
            _("Show the partners' logos on the home page"),
            bool(getattr(draft, "partners", None)),
            home_edit,
        ),
        Step(
            "home",
            _("Write the home page's text"),
            _edited_by_a_person(home)
            and bool(getattr(draft, "intro", "") or getattr(draft, "hero_text", "")),
            home_edit,
        ),
        Step(
            "accessibility",
            _("Review the accessibility statement"),
            statement is not None and statement.assessed_on is not None,
            reverse("wagtailadmin_pages:edit", args=[statement.pk])
            if statement
            else reverse(
                "wagtailadmin_pages:add",
                args=["cms", "accessibilitystatementpage", home.pk],
            ),
        ),
        Step(
            "program",
            _("Open the first program for registration"),
            Program.objects.filter(status=Program.Status.OPEN).exists(),
            reverse("programs:index"),
        ),
        Step(
            "coordinator",
            _("Invite the first coordinator"),
            # A coordinator besides the administrators (the first one is both).
            get_user_model()
            .objects.filter(is_active=True, groups__name=COORDINATORS)
            .exclude(groups__name=ADMINISTRATORS)
            .exists(),
            reverse("staff_invitations"),
        ),
        Step(
            "published",
            _("Publish the site"),
            home.live and live is not None and live.user_id is not None,
            home_edit,
        ),
    ]


class OnboardingPanel(Component):
    """Shown to the site's administrators until every step is done."""

    name = "onboarding"
    order = 10
    # Staff only: outside cms/templates/cms, whose texts participants read.
    template_name = "cms_staff/onboarding_panel.html"

    def __init__(self, steps: list[Step]):
        self.steps = steps

    def get_context_data(self, parent_context=None):
        done = sum(step.done for step in self.steps)
        return {
            "steps": self.steps,
            "done": done,
            "total": len(self.steps),
            "percent": round(100 * done / len(self.steps)),
        }


def onboarding_panel(request) -> OnboardingPanel | None:
    from wagtail.models import Site

    if not manages_staff_access(request.user):
        return None
    site = (
        Site.find_for_request(request)
        or Site.objects.filter(is_default_site=True).first()
    )
    if site is None:
        return None
    steps = onboarding_steps(site)
    if all(step.done for step in steps):
        return None
    return OnboardingPanel(steps)
