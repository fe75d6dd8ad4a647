"""The landing site's pages render on their tenant's host, with the site chrome."""

from django_tenants.utils import tenant_context
from wagtail.models import Site

from cms.models import AccessibilityStatementPage, ProgramPage
from tests.conftest import ALPHA_HOST


def _program(tenant, title="Kompisprogrammet", slug="kompisprogrammet"):
    with tenant_context(tenant):
        home = Site.objects.get(is_default_site=True).root_page
        program = ProgramPage(
            title=title,
            slug=slug,
            summary="Nya och etablerade invånare möts.",
            commitment_summary="Minst tre träffar på sex månader",
        )
        home.add_child(instance=program)
        program.save_revision().publish()
        return program


def test_home_page_has_skip_link_landmarks_and_swedish_lang(client, alpha):
    response = client.get("/", HTTP_HOST=ALPHA_HOST)

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv"' in html
    assert 'href="#main"' in html and "Hoppa till innehållet" in html
    for landmark in ("<header", '<main id="main"', "<footer", "<nav"):
        assert landmark in html
    assert "Alpha Kompis" in html


def test_program_teaser_leads_to_the_sign_up_section(client, alpha):
    _program(alpha)

    home = client.get("/", HTTP_HOST=ALPHA_HOST).content.decode()
    assert 'href="/kompisprogrammet/#anmalan"' in home
    program = client.get("/kompisprogrammet/", HTTP_HOST=ALPHA_HOST).content.decode()
    assert 'id="anmalan"' in program
    assert "Minst tre träffar på sex månader" in program


def test_program_of_beta_is_not_teased_on_alpha(client, alpha, beta):
    _program(beta, title="Betas hemliga program", slug="betas-program")

    home = client.get("/", HTTP_HOST=ALPHA_HOST).content.decode()
    assert "Betas hemliga program" not in home
    assert client.get("/betas-program/", HTTP_HOST=ALPHA_HOST).status_code == 404


def test_provisioning_made_an_accessibility_statement_with_a_report_route(
    client, alpha
):
    with tenant_context(alpha):
        statement = AccessibilityStatementPage.objects.get()
        url = statement.url
        assert statement.live

    response = client.get(url, HTTP_HOST=ALPHA_HOST)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tillgänglighetsredogörelse" in html
    assert 'id="rapportera"' in html
    # Every page links to the statement from the footer.
    assert url in client.get("/", HTTP_HOST=ALPHA_HOST).content.decode()
