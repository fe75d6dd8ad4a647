from tenants.services.provisioning import tenant_status_set
from tests.conftest import ALPHA_HOST, BETA_HOST, PUBLIC_HOST


def test_each_host_serves_its_own_tenant(client, alpha, beta):
    alpha_page = client.get("/", HTTP_HOST=ALPHA_HOST)
    beta_page = client.get("/", HTTP_HOST=BETA_HOST)

    assert alpha_page.status_code == 200
    assert "<title>Alpha Kompis</title>" in alpha_page.content.decode()
    assert "Beta Kompis" not in alpha_page.content.decode()
    assert "<title>Beta Kompis</title>" in beta_page.content.decode()


def test_unknown_host_gets_a_plain_404_and_no_tenant_site(client, alpha):
    response = client.get("/", HTTP_HOST="unknown.localhost")

    assert response.status_code == 404
    body = response.content.decode()
    assert "Sidan finns inte" in body
    assert "Alpha Kompis" not in body


def test_a_host_with_a_port_is_routed_by_its_name(client, alpha):
    assert client.get("/", HTTP_HOST=f"{ALPHA_HOST}:8000").status_code == 200


def test_suspended_tenant_answers_503_and_keeps_its_data(client, alpha):
    tenant_status_set(tenant=alpha, status="suspended")

    response = client.get("/", HTTP_HOST=ALPHA_HOST)
    assert response.status_code == 503
    assert "tillfälligt stängd" in response.content.decode()
    assert response["Retry-After"]
    # Staff can still reach the admin sign-in to get their data out.
    assert client.get("/admin/login/", HTTP_HOST=ALPHA_HOST).status_code == 200

    tenant_status_set(tenant=alpha, status="active")
    assert (
        "<title>Alpha Kompis</title>"
        in client.get("/", HTTP_HOST=ALPHA_HOST).content.decode()
    )


def test_archived_tenant_answers_410(client, alpha):
    tenant_status_set(tenant=alpha, status="archived")
    assert client.get("/", HTTP_HOST=ALPHA_HOST).status_code == 410


def test_public_host_shows_the_platforms_own_page(client, db):
    response = client.get("/", HTTP_HOST=PUBLIC_HOST)
    assert response.status_code == 200
    assert 'href="/ansok/"' in response.content.decode()
    assert 'href="/operator/login/"' in response.content.decode()


def test_tenant_hosts_have_no_operator_console(client, alpha):
    assert client.get("/operator/", HTTP_HOST=ALPHA_HOST).status_code == 404


def test_healthz_answers_on_any_host(client, db):
    assert client.get("/healthz", HTTP_HOST="whatever.example").content == b"ok"


def test_tls_ask_allows_only_known_hosts(client, alpha):
    assert client.get("/_tls/allowed", {"domain": ALPHA_HOST}).status_code == 200
    assert client.get("/_tls/allowed", {"domain": PUBLIC_HOST}).status_code == 200
    assert client.get("/_tls/allowed", {"domain": "evil.example"}).status_code == 404
    tenant_status_set(tenant=alpha, status="archived")
    assert client.get("/_tls/allowed", {"domain": ALPHA_HOST}).status_code == 404


def test_a_cached_page_does_not_outlive_a_suspension(client, alpha):
    client.get("/", HTTP_HOST=ALPHA_HOST)
    assert client.get("/", HTTP_HOST=ALPHA_HOST)["X-Page-Cache"] == "hit"

    tenant_status_set(tenant=alpha, status="suspended")

    assert client.get("/", HTTP_HOST=ALPHA_HOST).status_code == 503
