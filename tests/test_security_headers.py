"""Every response carries a Content-Security-Policy: no inline script anywhere a
visitor, participant, referrer or the operator console reaches; only the staff
admin screens, which run inline script of their own, allow it."""

import pytest
from django_tenants.utils import tenant_context

from matching.programs.services import program_create_from_template
from matching.roles import COORDINATORS
from tests.conftest import ALPHA_HOST
from tests.factories import signed_in

PUBLIC_HOST = "localhost"


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = [part.strip().split() for part in header.split(";") if part.strip()]
    return {name: sources for name, *sources in directives}


@pytest.mark.parametrize(
    "path",
    ["/", "/anmalan/kvinna/", "/en/anmalan/kvinna/", "/deltagare/", "/finns-inte/"],
)
def test_site_and_participant_pages_allow_no_inline_script(client, alpha, path):
    with tenant_context(alpha):
        program_create_from_template(template_key="kvinna", status="open")
    response = client.get(path, HTTP_HOST=ALPHA_HOST)

    policy = _policy(response)
    assert policy["script-src"] == ["'self'"], path
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]


@pytest.mark.parametrize("path", ["/operator/login/", "/operator/", "/nowhere/"])
def test_the_operator_console_allows_no_inline_script(client, db, path):
    response = client.get(path, HTTP_HOST=PUBLIC_HOST)

    assert _policy(response)["script-src"] == ["'self'"], path


def test_the_staff_admin_screens_allow_their_own_inline_script(alpha):
    coordinator = signed_in(alpha, ALPHA_HOST, group=COORDINATORS)

    for path in ("/admin/", "/admin/login/"):
        policy = _policy(coordinator.get(path, HTTP_HOST=ALPHA_HOST))
        assert policy["script-src"] == ["'self'", "'unsafe-inline'"], path
        assert policy["object-src"] == ["'none'"], path


def test_a_document_keeps_its_own_stricter_policy(client, alpha):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    with tenant_context(alpha):
        document = Document.objects.create(
            title="Folder", file=ContentFile(b"%PDF-1.4", name="folder.pdf")
        )
    response = client.get(document.url, HTTP_HOST=ALPHA_HOST)

    assert response.status_code == 200
    assert response["Content-Security-Policy"].startswith("default-src 'none'")


def test_a_missing_page_of_the_operator_host_is_a_404_page(client, db):
    response = client.get("/finns-inte/", HTTP_HOST=PUBLIC_HOST)

    assert response.status_code == 404
    assert "Content-Security-Policy" in response
