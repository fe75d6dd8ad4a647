"""The program page on the tenant's site leads to the registration form per side."""

from wagtail.models import Site

from cms.models import ProgramPage
from tests.conftest import ALPHA_HOST, BETA_HOST


def test_the_program_page_links_each_side_to_its_form(client, alpha, kvinna):
    home = Site.objects.get(is_default_site=True).root_page
    page = ProgramPage(
        title="Kv(in)na",
        slug="kvinna-program",
        summary="Mentorskap för kvinnor",
        registration_program=kvinna.slug,
    )
    home.add_child(instance=page)
    page.save_revision().publish()

    body = client.get("/kvinna-program/", HTTP_HOST=ALPHA_HOST).content.decode()
    assert f'href="/anmalan/{kvinna.slug}/?side=a"' in body
    assert "Anmäl dig som adept" in body and "Anmäl dig som mentor" in body

    alpha.activate()  # a request leaves the connection where it ended
    kvinna.status = "closed"
    kvinna.save()
    page.save_revision().publish()  # renews the page; the program is closed now
    assert (
        "Anmäl dig som adept"
        not in client.get("/kvinna-program/", HTTP_HOST=ALPHA_HOST).content.decode()
    )
    assert client.get("/kvinna-program/", HTTP_HOST=BETA_HOST).status_code == 404
