"""A new site's administrators see its first steps on their dashboard: each links
to where it is done and ticks itself when it is, read from the site itself; the
list goes once every step is done, and other staff never see it."""

import datetime
import io
import re

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django_tenants.utils import tenant_context
from PIL import Image as Picture
from wagtail.images.models import Image
from wagtail.models import Site

from cms.models import AccessibilityStatementPage
from matching.programs.services import program_create_from_template
from tests.conftest import ALPHA_HOST
from tests.factories import signed_in, staff_user
from themes.models import ThemeSettings

ADMINISTRATORS = "Administratörer"


def _first_administrator(alpha):
    """Signed in as a new site's first administrator is made (its groups)."""
    from django.conf import settings
    from django.contrib.auth.models import Group
    from django.test import Client

    from tests.factories import PASSWORD

    user = staff_user(alpha, group=ADMINISTRATORS, username="forste")
    with tenant_context(alpha):
        user.groups.add(
            *Group.objects.filter(name__in=settings.FIRST_ADMINISTRATOR_GROUPS)
        )
    client = Client()
    client.post(
        "/admin/login/",
        {"username": "forste", "password": PASSWORD},
        HTTP_HOST=ALPHA_HOST,
    )
    from tests.factories import second_step_passed

    second_step_passed(client, user, ALPHA_HOST, tenant=alpha)
    return client


def _steps(client) -> dict[str, bool]:
    """Each step's label and whether it is ticked, as the dashboard shows them."""
    page = client.get("/admin/", HTTP_HOST=ALPHA_HOST).content.decode()
    found = re.search(r'<ol class="onboarding-steps">(.*?)</ol>', page, re.S)
    if not found:
        return {}
    steps = {}
    for item in re.findall(r"<li>(.*?)</li>", found.group(1), re.S):
        ticked = "<s>" in item
        label = re.sub(r"<[^>]+>|\(klart\)|✓", "", item).strip()
        steps[label] = ticked
    return steps


def test_the_first_steps_tick_themselves_and_then_go(alpha):
    administrator = _first_administrator(alpha)

    at_start = _steps(administrator)
    with tenant_context(alpha):
        person = get_user_model().objects.get(username="forste")
        site = Site.objects.get(is_default_site=True)
        drawn = io.BytesIO()
        Picture.new("RGB", (300, 100), (18, 50, 92)).save(drawn, format="PNG")
        logo = Image.objects.create(title="Logga", file=ImageFile(drawn, name="l.png"))
        theme = ThemeSettings.for_site(site)
        theme.logo = logo
        theme.save()
        home = site.root_page.specific
        home.intro = "<p>Välkommen till Alpha Kompis.</p>"
        home.partners = [("partner", {"name": "Röda Korset", "url": ""})]
        home.save_revision(user=person)
    halfway = _steps(administrator)
    with tenant_context(alpha):
        home.refresh_from_db()
        home.get_latest_revision().publish(user=person)
        # Provisioning made the statement; reviewing it is giving the date.
        statement = AccessibilityStatementPage.objects.child_of(home).get()
        statement.assessed_on = datetime.date(2026, 11, 1)
        statement.save_revision(user=person).publish(user=person)
        program_create_from_template(template_key="kvinna", status="open")
    before_the_coordinator = _steps(administrator)
    coordinator = signed_in(alpha, ALPHA_HOST, group="Samordnare")
    at_end = _steps(administrator)

    assert list(at_start) == [
        "Välj webbplatsens färger och ladda upp dess logga",
        "Visa partnernas loggor på startsidan",
        "Skriv startsidans text",
        "Granska tillgänglighetsredogörelsen",
        "Öppna det första programmet för anmälan",
        "Bjud in den första samordnaren",
        "Publicera webbplatsen",
    ]
    assert not any(at_start.values())
    assert [label for label, done in halfway.items() if done] == [
        "Välj webbplatsens färger och ladda upp dess logga",
        "Visa partnernas loggor på startsidan",
        "Skriv startsidans text",
    ]
    assert [label for label, done in before_the_coordinator.items() if not done] == [
        "Bjud in den första samordnaren"
    ]
    assert at_end == {}  # all done: the list is gone
    assert _steps(coordinator) == {}


def test_each_step_links_to_where_the_first_administrator_does_it(alpha):
    administrator = _first_administrator(alpha)

    page = administrator.get("/admin/", HTTP_HOST=ALPHA_HOST).content.decode()
    links = re.findall(r'<li><a href="([^"]+)">', page)

    assert len(links) == 7
    for link in links:
        assert administrator.get(link, HTTP_HOST=ALPHA_HOST).status_code == 200, link
