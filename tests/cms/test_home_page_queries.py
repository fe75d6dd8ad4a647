"""An uncached home page, fully furnished, needs at most 10 database queries.

Counted: every statement but django-tenants' `SET search_path` (connection state,
one per schema switch: public for the host's tenant, then the tenant's schema).
Image renditions come from Wagtail's rendition cache after the first view.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from cms.demo import demo_site_build
from tenants.models import PartnerOrganisation
from tenants.services.partners import partner_organisation_upsert, partnership_add
from tests.conftest import ALPHA_HOST

MAX_HOME_PAGE_QUERIES = 10


def test_home_page_with_programs_news_quotes_and_partners_needs_few_queries(
    client, alpha
):
    # The Järfälla demo content, in alpha's schema: hero image, steps, quotes,
    # partners, a program, news.
    for name, number in (
        ("Järfälla kommun", "212000-0118"),
        ("Arbetsförmedlingen", "202100-2114"),
    ):
        organisation = partner_organisation_upsert(
            name=name,
            organisation_number=number,
            role=PartnerOrganisation.Role.MUNICIPALITY,
        )
        partnership_add(tenant=alpha, organisation=organisation)
    with tenant_context(alpha):
        demo_site_build(tenant=alpha, program="jarfalla")
    client.get("/", HTTP_HOST=ALPHA_HOST)  # renditions are made once, on first view

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/", HTTP_HOST=ALPHA_HOST)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Bli kompis i Järfälla" in html and "Senaste nytt" in html
    assert "JärfällaKompis" in html  # the program teaser
    assert '<span class="partner-name">Arbetsförmedlingen</span>' in html
    statements = [
        q["sql"]
        for q in queries.captured_queries
        if not q["sql"].startswith("SET search_path")
    ]
    assert len(statements) <= MAX_HOME_PAGE_QUERIES, "\n".join(
        sql[:200] for sql in statements
    )
