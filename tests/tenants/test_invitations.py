"""A tenant's administrators invite staff by e-mail into the right group; the
invitee chooses a password through a one-time link and signs in. Bad input is
refused with a reason, other staff cannot invite, another tenant sees none of
it, and two invitations of one address at once make one account."""

import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test import Client
from django_tenants.utils import tenant_context

from tenants.models import Tenant
from tenants.staff_access.invitations import staff_invite
from tests.conftest import ALPHA_HOST, BETA_HOST
from tests.factories import signed_in
from tests.matching.committed import together

URL = "/admin/inbjudningar/"
ADMINISTRATORS = "Administratörer"


def _link(message) -> str:
    return re.search(
        r"http://[^/\s]+(/admin/password_reset/confirm/\S+/)", message.body
    ).group(1)


def test_an_administrator_invites_a_coordinator_who_signs_in(
    alpha, django_capture_on_commit_callbacks
):
    administrator = signed_in(alpha, ALPHA_HOST, group=ADMINISTRATORS)

    with django_capture_on_commit_callbacks(execute=True):
        invited = administrator.post(
            URL,
            {"email": "Nora.Samordnare@Alpha.example", "group": "Samordnare"},
            HTTP_HOST=ALPHA_HOST,
        )
    waiting = administrator.get(URL, HTTP_HOST=ALPHA_HOST).content.decode()
    (message,) = mail.outbox
    link = _link(message)
    browser = Client()
    form = browser.get(link, HTTP_HOST=ALPHA_HOST, follow=True)
    chosen = browser.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Nora-Kompis-2026!", "new_password2": "Nora-Kompis-2026!"},
        HTTP_HOST=ALPHA_HOST,
    )
    signed = Client().post(
        "/admin/login/",
        {"username": "nora.samordnare@alpha.example", "password": "Nora-Kompis-2026!"},
        HTTP_HOST=ALPHA_HOST,
    )
    again = Client().get(link, HTTP_HOST=ALPHA_HOST, follow=True)
    after = administrator.get(URL, HTTP_HOST=ALPHA_HOST).content.decode()

    assert invited.status_code == 302
    assert message.to == ["nora.samordnare@alpha.example"]
    assert "Alpha Kompis" in message.subject
    assert "nora.samordnare@alpha.example" in waiting
    with tenant_context(alpha):
        user = get_user_model().objects.get(email="nora.samordnare@alpha.example")
        assert list(user.groups.values_list("name", flat=True)) == ["Samordnare"]
    assert chosen.status_code == 302
    assert signed.status_code == 302
    assert "new_password1" not in again.content.decode()  # the link is spent
    assert "nora.samordnare@alpha.example" not in after


def test_bad_invitations_are_refused_with_a_reason(alpha):
    administrator = signed_in(alpha, ALPHA_HOST, group=ADMINISTRATORS)
    with tenant_context(alpha):
        staff_invite(
            inviter=get_user_model()(username="x"),
            email="finns@alpha.example",
            group_name="Redaktörer",
            site_name="Alpha Kompis",
            base_url="http://alpha.localhost",
        )

    answers = [
        administrator.post(URL, data, HTTP_HOST=ALPHA_HOST)
        for data in (
            {"email": "inte-en-adress", "group": "Samordnare"},
            {"email": "chef@alpha.example", "group": "Administratörer"},
            {"email": "FINNS@alpha.example", "group": "Samordnare"},
        )
    ]

    assert [answer.status_code for answer in answers] == [400, 400, 400]
    assert "har redan ett konto" in answers[2].content.decode()
    with tenant_context(alpha):
        assert not get_user_model().objects.filter(email="chef@alpha.example").exists()


def test_only_administrators_invite_and_each_tenant_sees_its_own(alpha, beta):
    coordinator = signed_in(alpha, ALPHA_HOST, group="Samordnare")
    theirs = signed_in(beta, BETA_HOST, group=ADMINISTRATORS)
    with tenant_context(alpha):
        staff_invite(
            inviter=get_user_model()(username="x"),
            email="hemlig@alpha.example",
            group_name="Redaktörer",
            site_name="Alpha Kompis",
            base_url="http://alpha.localhost",
        )

    refused = coordinator.post(
        URL, {"email": "ny@alpha.example", "group": "Samordnare"}, HTTP_HOST=ALPHA_HOST
    )
    beta_page = theirs.get(URL, HTTP_HOST=BETA_HOST)

    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    with tenant_context(alpha):
        assert not get_user_model().objects.filter(email="ny@alpha.example").exists()
    assert beta_page.status_code == 200
    assert "hemlig@alpha.example" not in beta_page.content.decode()
    alpha_page = signed_in(alpha, ALPHA_HOST, group=ADMINISTRATORS).get(
        URL, HTTP_HOST=ALPHA_HOST
    )
    assert "hemlig@alpha.example" in alpha_page.content.decode()


def test_two_invitations_of_one_address_at_once_make_one_account(
    django_db_setup, django_db_blocker
):
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        alpha = Tenant.objects.get(slug="alpha")
        try:

            def invite():
                return staff_invite(
                    inviter=get_user_model()(username="x"),
                    email="dubbel@alpha.example",
                    group_name="Samordnare",
                    site_name="Alpha Kompis",
                    base_url="http://alpha.localhost",
                ).pk

            results = together(alpha, invite, invite)

            made = [r for r in results if isinstance(r, int)]
            assert len(made) == 1, results
            assert "har redan ett konto" in str(
                next(r for r in results if not isinstance(r, int)).message
            )
            with tenant_context(alpha):
                assert (
                    get_user_model()
                    .objects.filter(email="dubbel@alpha.example")
                    .count()
                    == 1
                )
        finally:
            with tenant_context(alpha):
                get_user_model().objects.filter(email="dubbel@alpha.example").delete()
            connection.set_schema_to_public()
