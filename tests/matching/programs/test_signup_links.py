"""The program page on the tenant's site leads to the registration form per side."""

from wagtail.models import Site

from cms.models import ProgramPage
from tests.conftest import ALPHA_HOST, BETA_HOST


def _program_page(program) -> ProgramPage:
    home = Site.objects.get(is_default_site=True).root_page
    page = ProgramPage(
        title="Kv(in)na",
        slug="kvinna-program",
        summary="Mentorskap för kvinnor",
        registration_program=program.slug,
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_the_program_page_links_each_side_to_its_form(client, alpha, kvinna):
    page = _program_page(kvinna)

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


def test_opening_or_closing_the_program_renews_its_cached_page(client, alpha, kvinna):
    _program_page(kvinna)
    assert (
        client.get("/kvinna-program/", HTTP_HOST=ALPHA_HOST)["X-Page-Cache"] == "miss"
    )
    cached = client.get("/kvinna-program/", HTTP_HOST=ALPHA_HOST)
    assert cached["X-Page-Cache"] == "hit"
    assert "Anmäl dig som adept" in cached.content.decode()

    alpha.activate()
    kvinna.status = "closed"
    kvinna.save()  # no page is published: the program's own change renews it
    closed = client.get("/kvinna-program/", HTTP_HOST=ALPHA_HOST)
    assert closed["X-Page-Cache"] == "miss"
    assert "Anmäl dig som adept" not in closed.content.decode()

    alpha.activate()
    kvinna.status = "open"
    kvinna.save()
    assert "Anmäl dig som adept" in (
        client.get("/kvinna-program/", HTTP_HOST=ALPHA_HOST).content.decode()
    )
