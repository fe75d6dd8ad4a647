"""A tenant's own domain: its administrators add it and see the DNS records to
create; it is served (and the TLS proxy's `ask` says yes) only once the TXT
token and the CNAME (or A records) verify, asked of a real DNS server (a local
one the test runs); a domain that stops verifying is reported once, and stays
served; another tenant cannot take it; two checks at once serve it once."""

import pytest
from django.core import mail
from django.db import connection
from django.test import Client

from tenants.launch.models import OwnDomain
from tenants.launch.own_domains import (
    own_domain_add,
    own_domain_check,
    own_domains_check_all,
)
from tenants.models import Domain, Tenant
from tenants.services.provisioning import tenant_status_set
from tests.conftest import ALPHA_HOST, BETA_HOST
from tests.factories import operator_signed_in, signed_in, staff_user
from tests.fake_dns import FakeDns
from tests.matching.committed import together

URL = "/admin/egen-doman/"
HOST = "jarfallakompis.se"
TARGET = "sites.kompis.example.se"


@pytest.fixture(scope="session")
def fake_dns():
    server = FakeDns().start()
    yield server
    server.stop()


@pytest.fixture
def dns(fake_dns, settings):
    settings.DNS_NAMESERVERS = [f"127.0.0.1:{fake_dns.port}"]
    settings.PLATFORM_CNAME_TARGET = TARGET
    settings.PLATFORM_IPV4 = ["203.0.113.10"]
    settings.LAUNCH_OPERATOR_EMAILS = ["drift@kompis.example"]
    fake_dns.zone.clear()
    fake_dns.zone.set(TARGET, "A", "203.0.113.10")
    return fake_dns.zone


def _ask(host):
    return Client().get("/_tls/allowed", {"domain": host}).status_code


def test_an_own_domain_is_served_once_its_records_verify(alpha, dns):
    administrator = signed_in(alpha, ALPHA_HOST, group="Administratörer")

    added = administrator.post(URL, {"host": "JarfallaKompis.se"}, HTTP_HOST=ALPHA_HOST)
    own = OwnDomain.objects.get()
    page = administrator.get(URL, HTTP_HOST=ALPHA_HOST).content.decode()
    check = f"{URL}{own.pk}/check/"
    administrator.post(check, HTTP_HOST=ALPHA_HOST)
    nothing_yet = (OwnDomain.objects.get().last_problem, _ask(HOST))
    unknown_host = Client().get("/", HTTP_HOST=HOST).status_code
    dns.set(f"_kompis.{HOST}", "TXT", f"kompis-verify={own.token}")
    administrator.post(check, HTTP_HOST=ALPHA_HOST)
    token_only = OwnDomain.objects.get().last_problem
    dns.set(HOST, "CNAME", TARGET)
    administrator.post(check, HTTP_HOST=ALPHA_HOST)
    own.refresh_from_db()

    assert added.status_code == 302
    assert own.host == HOST
    assert f"_kompis.{HOST}" in page and f"kompis-verify={own.token}" in page
    assert TARGET in page and "203.0.113.10" in page
    assert "TXT-posten _kompis.jarfallakompis.se" in nothing_yet[0]
    assert nothing_yet[1] == 404 and unknown_host == 404
    assert "pekar inte" in token_only
    assert own.status == OwnDomain.Status.VERIFIED
    assert Domain.objects.get(domain=HOST).tenant == alpha
    assert _ask(HOST) == 200
    assert Client().get("/", HTTP_HOST=HOST).status_code == 200
    console = operator_signed_in("kassor").get(
        f"/operator/tenants/{alpha.slug}/", HTTP_HOST="localhost"
    )
    assert f"{HOST}: Verifierad: används" in console.content.decode()


def test_a_bare_domain_verifies_by_a_records(alpha, dns):
    own = own_domain_add(tenant=alpha, host="alphakompis.se")
    dns.set("_kompis.alphakompis.se", "TXT", f"kompis-verify={own.token}")
    dns.set("alphakompis.se", "A", "198.51.100.7")  # not ours
    wrong = own_domain_check(own.pk).status
    dns.set("alphakompis.se", "A", "203.0.113.10")

    assert wrong == OwnDomain.Status.PENDING
    assert own_domain_check(own.pk).status == OwnDomain.Status.VERIFIED


def test_a_domain_that_stops_verifying_is_reported_once_and_stays_served(
    alpha, dns, django_capture_on_commit_callbacks
):
    admin = staff_user(alpha, group="Administratörer", username="domanchef")
    own = own_domain_add(tenant=alpha, host=HOST)
    dns.set(f"_kompis.{HOST}", "TXT", f"kompis-verify={own.token}")
    dns.set(HOST, "CNAME", TARGET)
    own_domain_check(own.pk)
    dns.clear()

    statuses = []
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(4):
            own_domains_check_all()
            statuses.append(OwnDomain.objects.get().status)

    assert statuses == ["verified", "verified", "failing", "failing"]
    (report,) = mail.outbox
    assert sorted(report.to) == sorted([admin.email, "drift@kompis.example"])
    assert HOST in report.subject
    assert _ask(HOST) == 200  # still served


def test_another_tenant_cannot_take_or_check_it(alpha, beta, dns):
    own = own_domain_add(tenant=alpha, host=HOST)
    theirs = signed_in(beta, BETA_HOST, group="Administratörer")

    taken = theirs.post(URL, {"host": HOST}, HTTP_HOST=BETA_HOST)
    checked = theirs.post(f"{URL}{own.pk}/check/", HTTP_HOST=BETA_HOST, follow=True)
    platform_own = theirs.post(URL, {"host": "alpha.localhost"}, HTTP_HOST=BETA_HOST)
    coordinator = signed_in(alpha, ALPHA_HOST, group="Samordnare")

    assert taken.status_code == 400
    assert "hör redan till en Kompis-webbplats" in taken.content.decode()
    assert "Ingen sådan domän" in checked.content.decode()
    assert platform_own.status_code == 400
    assert OwnDomain.objects.count() == 1
    assert coordinator.get(URL, HTTP_HOST=ALPHA_HOST).status_code == 302
    page = theirs.get(URL, HTTP_HOST=BETA_HOST).content.decode()
    assert own.token not in page


def test_ask_says_yes_for_suspended_sites_and_no_for_archived(alpha, dns):
    own = own_domain_add(tenant=alpha, host=HOST)
    dns.set(f"_kompis.{HOST}", "TXT", f"kompis-verify={own.token}")
    dns.set(HOST, "CNAME", TARGET)
    own_domain_check(own.pk)

    tenant_status_set(tenant=alpha, status="suspended")
    suspended = _ask(HOST)
    tenant_status_set(tenant=alpha, status="archived")
    archived = _ask(HOST)

    assert (suspended, archived) == (200, 404)


def test_dns_that_does_not_answer_changes_nothing(alpha, settings, dns):
    own = own_domain_add(tenant=alpha, host=HOST)
    settings.DNS_NAMESERVERS = ["127.0.0.1:9"]  # nobody answers there

    checked = own_domain_check(own.pk)

    assert checked.status == OwnDomain.Status.PENDING
    assert "svarade inte" in checked.last_problem


def test_two_checks_at_once_serve_it_once(
    django_db_setup, django_db_blocker, fake_dns, settings
):
    settings.DNS_NAMESERVERS = [f"127.0.0.1:{fake_dns.port}"]
    settings.PLATFORM_CNAME_TARGET = TARGET
    settings.PLATFORM_IPV4 = []
    fake_dns.zone.clear()
    fake_dns.zone.set(TARGET, "A", "203.0.113.10")
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        public = Tenant.objects.get(schema_name="public")
        alpha = Tenant.objects.get(slug="alpha")
        own = own_domain_add(tenant=alpha, host="samtidig.example.se")
        fake_dns.zone.set(
            "_kompis.samtidig.example.se", "TXT", f"kompis-verify={own.token}"
        )
        fake_dns.zone.set("samtidig.example.se", "CNAME", TARGET)
        try:
            results = together(
                public,
                lambda: own_domain_check(own.pk).status,
                lambda: own_domain_check(own.pk).status,
            )

            assert results == ["verified", "verified"], results
            assert Domain.objects.filter(domain="samtidig.example.se").count() == 1
        finally:
            connection.set_schema_to_public()
            Domain.objects.filter(domain="samtidig.example.se").delete()
            OwnDomain.objects.filter(pk=own.pk).delete()
            from tenants.models import AuditLogEntry

            AuditLogEntry.objects.filter(
                tenant=alpha, detail__domain="samtidig.example.se"
            ).delete()
