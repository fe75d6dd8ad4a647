"""Swedish at /, English at /en/, with a language switcher; sitemap.xml, robots.txt,
search, meta description and Open Graph, each for its own tenant only."""

from django_tenants.utils import tenant_context
from wagtail.models import Locale, PageViewRestriction, Site

from cms.models import HomePage, ProgramPage
from tests.conftest import ALPHA_HOST, BETA_HOST


def _program(tenant, *, title, slug, summary="Nya och etablerade invånare möts."):
    with tenant_context(tenant):
        home = Site.objects.get(is_default_site=True).root_page
        program = ProgramPage(
            title=title, slug=slug, summary=summary, search_description=summary
        )
        home.add_child(instance=program)
        program.save_revision().publish()
        return program


def _english_home(tenant) -> HomePage:
    with tenant_context(tenant):
        home = Site.objects.get(is_default_site=True).root_page.specific
        english = home.copy_for_translation(Locale.objects.get(language_code="en"))
        english.title = "Alpha Friends"
        english.hero_heading = "Welcome"
        english.save_revision().publish()
        return english


def test_english_home_is_served_at_en_with_lang_and_switcher(client, alpha):
    _english_home(alpha)

    english = client.get("/en/", HTTP_HOST=ALPHA_HOST).content.decode()
    swedish = client.get("/", HTTP_HOST=ALPHA_HOST).content.decode()

    assert '<html lang="en"' in english and "Skip to content" in english
    assert "Welcome" in english
    assert '<html lang="sv"' in swedish and "Hoppa till innehållet" in swedish
    # Each links to the other, marked with the target's language.
    assert 'href="/en/" lang="en" hreflang="en"' in swedish
    assert 'href="/" lang="sv" hreflang="sv"' in english
    assert '<link rel="alternate" hreflang="en" href="http://alpha.localhost/en/">' in (
        swedish
    )


def test_meta_description_and_open_graph(client, alpha):
    _program(
        alpha, title="Kompisprogrammet", slug="kompis", summary="Träffa en ny vän."
    )

    html = client.get("/kompis/", HTTP_HOST=ALPHA_HOST).content.decode()

    assert '<meta name="description" content="Träffa en ny vän.">' in html
    assert '<meta property="og:title" content="Kompisprogrammet">' in html
    assert '<meta property="og:url" content="http://alpha.localhost/kompis/">' in html
    assert '<meta property="og:locale" content="sv_SE">' in html


def test_sitemap_lists_this_tenants_pages_in_both_languages_only(client, alpha, beta):
    _program(alpha, title="Alfas program", slug="alfas-program")
    _program(beta, title="Betas program", slug="betas-program")
    _english_home(alpha)

    response = client.get("/sitemap.xml", HTTP_HOST=ALPHA_HOST)

    xml = response.content.decode()
    assert response.status_code == 200
    assert "<loc>http://alpha.localhost/alfas-program/</loc>" in xml
    assert "<loc>http://alpha.localhost/en/</loc>" in xml
    assert "betas-program" not in xml and "beta.localhost" not in xml


def test_robots_txt_points_to_this_hosts_sitemap(client, alpha):
    response = client.get("/robots.txt", HTTP_HOST=ALPHA_HOST)

    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://alpha.localhost/sitemap.xml" in body


def test_search_finds_this_tenants_pages_only(client, alpha, beta):
    _program(alpha, title="Språkcafé i Alfa", slug="sprakcafe")
    _program(beta, title="Språkcafé i Beta", slug="sprakcafe")

    html = client.get(
        "/sok/", {"q": "Språkcafé"}, HTTP_HOST=ALPHA_HOST
    ).content.decode()

    assert "Språkcafé i Alfa" in html
    assert "Språkcafé i Beta" not in html
    assert (
        client.get("/sok/", {"q": "x" * 5000}, HTTP_HOST=ALPHA_HOST).status_code == 200
    )


def test_a_restricted_program_is_neither_teased_nor_in_the_menu(client, alpha):
    program = _program(alpha, title="Internt program", slug="internt")
    with tenant_context(alpha):
        program.show_in_menus = True
        program.save_revision().publish()
        PageViewRestriction.objects.create(
            page=program, restriction_type=PageViewRestriction.LOGIN
        )

    home = client.get("/", HTTP_HOST=ALPHA_HOST).content.decode()
    direct = client.get("/internt/", HTTP_HOST=ALPHA_HOST)

    assert "Internt program" not in home
    assert direct.status_code == 302  # to the login page
    assert (
        "Internt program" not in client.get("/", HTTP_HOST=BETA_HOST).content.decode()
    )
