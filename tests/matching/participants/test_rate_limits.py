"""The public HTML forms are rate limited per client address and tenant, like the
API, and the address is the one the platform's own proxy saw (X-Forwarded-For is
believed only as far as TRUSTED_PROXY_COUNT says)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client, RequestFactory, override_settings
from django_tenants.utils import tenant_context

from config.client_address import client_address
from matching.models import Participant
from matching.pages import TOO_MANY
from matching.programs.services import program_create_from_template
from tests.conftest import ALPHA_HOST, BETA_HOST
from tests.matching.factories import REGISTRATION_FORM as FORM
from tests.matching.factories import registration_data

# Per hour, not per minute: four requests must not straddle the limit's window
# boundary (a fixed window: the fourth would start a new count).
LIMIT = override_settings(REGISTRATION_THROTTLE_RATE="3/hour")


def _post(kvinna, *, email, host=ALPHA_HOST, **meta):
    return Client().post(
        f"/anmalan/{kvinna.slug}/?side=a",
        {**FORM, "email": email},
        HTTP_HOST=host,
        **meta,
    )


@pytest.mark.parametrize(
    ("proxies", "meta", "expected"),
    [
        (0, {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.1.1.1"}, "10.0.0.2"),
        (
            1,
            {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 1.1.1.1"},
            "1.1.1.1",
        ),
        (
            2,
            {
                "REMOTE_ADDR": "10.0.0.2",
                "HTTP_X_FORWARDED_FOR": "6.6.6.6, 1.1.1.1, 10.0.0.3",
            },
            "1.1.1.1",
        ),
        (1, {"REMOTE_ADDR": "10.0.0.2"}, "10.0.0.2"),
        (3, {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.1.1.1"}, "1.1.1.1"),
    ],
)
def test_only_the_proxys_entry_of_x_forwarded_for_is_believed(proxies, meta, expected):
    request = RequestFactory().get("/", **meta)
    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        assert client_address(request) == expected


@LIMIT
def test_the_registration_form_stops_an_address_and_keeps_what_was_saved(kvinna):
    for n in range(3):
        assert (
            _post(kvinna, email=f"p{n}@example.se", REMOTE_ADDR="1.1.1.1").status_code
            == 302
        )

    refused = _post(kvinna, email="p3@example.se", REMOTE_ADDR="1.1.1.1")

    assert refused.status_code == 429
    assert str(TOO_MANY) in refused.content.decode()
    assert Participant.objects.filter(email__startswith="p").count() == 3
    assert not Participant.objects.filter(email="p3@example.se").exists()
    # Another address, and reading the form, are not affected.
    assert _post(kvinna, email="q@example.se", REMOTE_ADDR="2.2.2.2").status_code == 302
    assert (
        Client()
        .get(
            f"/anmalan/{kvinna.slug}/?side=a",
            HTTP_HOST=ALPHA_HOST,
            REMOTE_ADDR="1.1.1.1",
        )
        .status_code
        == 200
    )


@LIMIT
def test_each_tenant_counts_on_its_own(kvinna, beta):
    with tenant_context(beta):
        beta_program = program_create_from_template(
            template_key="kvinna", status="open"
        )
    for n in range(3):
        _post(kvinna, email=f"a{n}@example.se", REMOTE_ADDR="1.1.1.1")
    assert (
        _post(kvinna, email="a9@example.se", REMOTE_ADDR="1.1.1.1").status_code == 429
    )

    assert (
        _post(
            beta_program, email="b@example.se", host=BETA_HOST, REMOTE_ADDR="1.1.1.1"
        ).status_code
        == 302
    )


@LIMIT
@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_client_cannot_escape_the_limit_by_writing_x_forwarded_for(kvinna):
    behind_proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for n in range(3):
        _post(
            kvinna,
            email=f"s{n}@example.se",
            HTTP_X_FORWARDED_FOR=f"9.9.9.{n}, 1.1.1.1",
            **behind_proxy,
        )

    refused = _post(
        kvinna,
        email="s9@example.se",
        HTTP_X_FORWARDED_FOR="8.8.8.8, 1.1.1.1",
        **behind_proxy,
    )

    assert refused.status_code == 429
    # Another client behind the same proxy still gets through.
    assert (
        _post(
            kvinna, email="t@example.se", HTTP_X_FORWARDED_FOR="2.2.2.2", **behind_proxy
        ).status_code
        == 302
    )


@LIMIT
def test_the_new_link_form_is_limited(kvinna):
    codes = [
        Client()
        .post(
            "/deltagare/ny-lank/",
            {"email": "x@example.se"},
            HTTP_HOST=ALPHA_HOST,
            REMOTE_ADDR="1.1.1.1",
        )
        .status_code
        for _ in range(4)
    ]
    assert codes == [200, 200, 200, 429]


@LIMIT
def test_the_referral_form_is_limited(alpha, kvinna):
    with tenant_context(alpha):
        user = get_user_model().objects.create_user("remiss", password="pw-123456789")
        user.groups.add(Group.objects.get(name="Remittenter"))
    referrer = Client()
    referrer.post(
        "/admin/login/",
        {"username": "remiss", "password": "pw-123456789"},
        HTTP_HOST=ALPHA_HOST,
    )
    codes = [
        referrer.post(
            "/remiss/",
            {
                "program": kvinna.pk,
                "side_key": "a",
                "first_name": "Leila",
                "email": f"l{n}@example.se",
            },
            HTTP_HOST=ALPHA_HOST,
            REMOTE_ADDR="1.1.1.1",
        ).status_code
        for n in range(4)
    ]
    assert codes == [302, 302, 302, 429]


@LIMIT
@override_settings(TRUSTED_PROXY_COUNT=1)
def test_the_api_counts_the_same_address(kvinna):

    def post(n, xff):
        return Client().post(
            f"/api/v1/programs/{kvinna.slug}/registrations/",
            {**registration_data(email=f"api{n}@example.se"), "side": "a"},
            content_type="application/json",
            HTTP_HOST=ALPHA_HOST,
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=xff,
        )

    codes = [post(n, f"9.9.9.{n}, 1.1.1.1").status_code for n in range(4)]
    assert codes == [202, 202, 202, 429]
    assert post(9, "2.2.2.2").status_code == 202
