"""A request on tenant A's host can neither read nor change tenant B's data."""

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django_tenants.utils import tenant_context
from wagtail.models import Page, Site

from cms.models import StandardPage
from cms.services import PUBLISHERS_GROUP
from tests.conftest import ALPHA_HOST, BETA_HOST
from tests.factories import staff_user


def _editor(tenant, username="editor", password="s3cret-pass-123"):
    """A member of the tenant's Publicister (drafts and publishes pages)."""
    user = staff_user(tenant, group=PUBLISHERS_GROUP, username=username)
    with tenant_context(tenant):
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def _page(tenant, title):
    with tenant_context(tenant):
        home = Site.objects.get().root_page
        page = StandardPage(
            title=title, slug=title.lower().replace(" ", "-"), body="<p>x</p>"
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        return page.pk


def test_a_page_of_beta_is_not_reachable_on_alphas_host(client, alpha, beta):
    _page(beta, "Beta Secret")

    assert client.get("/beta-secret/", HTTP_HOST=BETA_HOST).status_code == 200
    response = client.get("/beta-secret/", HTTP_HOST=ALPHA_HOST)
    assert response.status_code == 404
    assert "Beta Secret" not in response.content.decode()


def test_an_id_from_beta_opens_nothing_of_beta_in_alphas_admin(client, alpha, beta):
    beta_page_id = _page(beta, "Beta Only")
    _editor(alpha)
    client.post(
        "/admin/login/",
        {"username": "editor", "password": "s3cret-pass-123"},
        HTTP_HOST=ALPHA_HOST,
    )
    assert client.get("/admin/", HTTP_HOST=ALPHA_HOST).status_code == 200

    response = client.get(f"/admin/pages/{beta_page_id}/edit/", HTTP_HOST=ALPHA_HOST)

    assert response.status_code == 404
    assert "Beta Only" not in response.content.decode()


def test_alphas_admin_changes_only_alphas_page(client, alpha, beta):
    with tenant_context(alpha):
        alpha_home_id = Site.objects.get().root_page_id
    with tenant_context(beta):
        beta_home_id = Site.objects.get().root_page_id
    # Both schemas were cloned from one template, so the same id names each one's home.
    assert alpha_home_id == beta_home_id
    _editor(alpha)
    client.post(
        "/admin/login/",
        {"username": "editor", "password": "s3cret-pass-123"},
        HTTP_HOST=ALPHA_HOST,
    )

    response = client.post(
        f"/admin/pages/{alpha_home_id}/edit/",
        {
            "title": "Renamed by alpha",
            "slug": "home",
            "intro": '{"blocks":[],"entityMap":{}}',
            "action-publish": "1",
        },
        HTTP_HOST=ALPHA_HOST,
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    with tenant_context(alpha):
        assert Page.objects.get(pk=alpha_home_id).title == "Renamed by alpha"
    with tenant_context(beta):
        assert Page.objects.get(pk=beta_home_id).title == "Beta Kompis"


def test_a_user_of_alpha_cannot_sign_in_on_betas_host(client, alpha, beta):
    _editor(alpha)

    on_beta = client.post(
        "/admin/login/",
        {"username": "editor", "password": "s3cret-pass-123"},
        HTTP_HOST=BETA_HOST,
    )
    assert on_beta.status_code == 200  # the form again, with an error
    assert client.get("/admin/", HTTP_HOST=BETA_HOST).status_code == 302

    on_alpha = client.post(
        "/admin/login/",
        {"username": "editor", "password": "s3cret-pass-123"},
        HTTP_HOST=ALPHA_HOST,
    )
    assert on_alpha.status_code == 302
    assert client.get("/admin/", HTTP_HOST=ALPHA_HOST).status_code == 200


def test_alphas_session_cookie_is_worthless_on_betas_host(alpha, beta):
    _editor(alpha)
    browser = Client()
    browser.post(
        "/admin/login/",
        {"username": "editor", "password": "s3cret-pass-123"},
        HTTP_HOST=ALPHA_HOST,
    )
    assert browser.get("/admin/", HTTP_HOST=ALPHA_HOST).status_code == 200

    # Present the same session cookie to beta's host, as a forged request could.
    response = browser.get("/admin/", HTTP_HOST=BETA_HOST)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_media_of_beta_is_not_served_on_alphas_host(client, alpha, beta):
    with tenant_context(beta):
        name = default_storage.save(
            "original_images/beta-logo.txt", ContentFile(b"beta's file")
        )
        url = default_storage.url(name)
    assert url.startswith("/media/beta/")

    assert client.get(url, HTTP_HOST=BETA_HOST).getvalue() == b"beta's file"
    assert client.get(url, HTTP_HOST=ALPHA_HOST).status_code == 404
    relative = url.removeprefix("/media/beta/")
    assert (
        client.get(f"/media/alpha/../beta/{relative}", HTTP_HOST=ALPHA_HOST).status_code
        == 404
    )
    assert (
        client.get(f"/media/alpha/{relative}", HTTP_HOST=ALPHA_HOST).status_code == 404
    )
    with tenant_context(beta):
        default_storage.delete(name)


@pytest.mark.parametrize("value", ["alpha's cached value"])
def test_cache_keys_are_tenant_scoped(alpha, beta, value):
    with tenant_context(alpha):
        cache.set("landing:menu", value)
        assert cache.get("landing:menu") == value
    with tenant_context(beta):
        assert cache.get("landing:menu") is None
        cache.set("landing:menu", "beta's value")
    with tenant_context(alpha):
        assert cache.get("landing:menu") == value
        cache.delete("landing:menu")
    with tenant_context(beta):
        cache.delete("landing:menu")
