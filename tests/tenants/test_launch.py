"""A municipality or partnership launches its own site from the public host: the
platform's page (plans, program templates, listed sites; Swedish, English by
choice; cached), the application (validated, the address checked as they type or
by a button, rate limited, confirmed by e-mail before the operator sees it), the
operator's decision (declined with a reason the applicant receives, or approved:
a worker makes the site, its partners, programs and first administrator, who
gets a one-time link to choose a password), and a failed provisioning that
leaves nothing half-made and can be retried."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test import Client, override_settings
from django_tenants.utils import schema_exists, tenant_context

from matching.models import Program
from tenants.launch.applications import application_approve
from tenants.launch.models import Application
from tenants.launch.provision import application_provision
from tenants.models import Domain, Partnership, Plan, Tenant
from tests.conftest import ALPHA_HOST, PUBLIC_HOST
from tests.factories import operator_signed_in
from tests.matching.committed import together

FORM = {
    "kind": "municipality",
    "organisation_name": "Nacka kommun",
    "organisation_number": "212000-0142",
    "contact_name": "Sara Lind",
    "contact_role": "Integrationssamordnare",
    "contact_email": "sara.lind@nacka.example",
    "contact_phone": "070-123 45 67",
    "subdomain": "nacka",
    "own_domain": "",
    "plan": "",
    "program_templates": ["jarfallakompis"],
    "listed": "on",
    "partners-TOTAL_FORMS": "5",
    "partners-INITIAL_FORMS": "0",
    "partners-MIN_NUM_FORMS": "0",
    "partners-MAX_NUM_FORMS": "12",
}


def _apply(client=None, **changes):
    client = client or Client()
    return client.post("/ansok/", {**FORM, **changes}, HTTP_HOST=PUBLIC_HOST)


def _link(pattern: str, message) -> str:
    return re.search(pattern, message.body).group(0)


def test_the_platforms_page_tells_what_it_does_costs_and_who_runs_it(alpha, beta):
    Plan.objects.create(
        name="Kommun", includes="En webbplats och alla program", price_sek=48000
    )
    Plan.objects.create(name="Gammal", includes="-", price_sek=1, active=False)
    Tenant.objects.filter(pk=alpha.pk).update(listed=True)

    swedish = Client().get("/", HTTP_HOST=PUBLIC_HOST)
    english = Client(HTTP_ACCEPT_LANGUAGE="en")
    english.cookies["django_language"] = "en"
    in_english = english.get("/", HTTP_HOST=PUBLIC_HOST)
    Plan.objects.create(name="Ny plan", includes="-", price_sek=2)
    cached = Client().get("/", HTTP_HOST=PUBLIC_HOST)

    body = swedish.content.decode()
    assert swedish.status_code == 200
    assert '<html lang="sv">' in body
    assert "Kommun" in body and "48000 kr" in body
    assert "Gammal" not in body
    assert "JärfällaKompis" in body and "Kv(in)na" in body  # program templates
    assert 'href="http://alpha.localhost/"' in body and "Alpha Kompis" in body
    assert "Beta Kompis" not in body  # not listed
    assert 'href="/ansok/"' in body
    assert '<html lang="en">' in in_english.content.decode()
    assert "How matching works" in in_english.content.decode()
    assert "Ny plan" not in cached.content.decode()  # served from the cache
    assert "Content-Security-Policy" in swedish


def test_an_application_reaches_the_operator_once_the_email_is_confirmed(
    db, django_capture_on_commit_callbacks, settings
):
    settings.LAUNCH_OPERATOR_EMAILS = ["drift@kompis.example"]
    with django_capture_on_commit_callbacks(execute=True):
        sent = _apply()
    application = Application.objects.get()
    (message,) = mail.outbox
    confirm = _link(r"http://localhost/ansok/bekrafta/[\w-]+/", message)
    status = _link(r"http://localhost/ansok/status/[\w-]+/", message)
    looked = Client().get(confirm, HTTP_HOST=PUBLIC_HOST)  # a mail scanner's GET
    application.refresh_from_db()
    still_unconfirmed = application.status
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = Client().post(confirm, HTTP_HOST=PUBLIC_HOST)
    again = Client().post(confirm, HTTP_HOST=PUBLIC_HOST)
    followed = Client().get(status, HTTP_HOST=PUBLIC_HOST)

    assert sent.status_code == 302 and sent["Location"] == "/ansok/skickad/"
    assert message.to == ["sara.lind@nacka.example"]
    assert looked.status_code == 200
    assert still_unconfirmed == Application.Status.UNCONFIRMED
    assert confirmed.status_code == 200
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert application.organisation_number == "212000-0142"
    assert application.contact_phone == "+46701234567"
    assert application.program_templates == ["jarfallakompis"]
    assert mail.outbox[1].to == ["drift@kompis.example"]
    assert "/operator/applications/" in mail.outbox[1].body
    assert again.status_code == 400
    assert "redan bekräftad" in again.content.decode()
    assert "Att besluta" in followed.content.decode()


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"organisation_number": "212000-0143"}, "organisationsnummer"),
        ({"subdomain": "admin"}, "reserverad"),
        ({"subdomain": "alpha"}, "är upptagen"),
        ({"subdomain": "Nacka Kompis"}, "3 till 40 tecken"),
        ({"kind": "partnership"}, "minst en utöver er egen"),
        ({"partners-0-name": "Röda Korset"}, "Ange varje partners namn"),
        ({"contact_phone": "12"}, "telefonnummer"),
        ({"own_domain": "nacka.localhost"}, "plattformens egna adresser"),
    ],
)
def test_bad_applications_are_refused_with_a_reason(alpha, changes, says):
    answer = _apply(**changes)

    assert answer.status_code == 400
    assert says in answer.content.decode()
    assert not Application.objects.exists()
    assert mail.outbox == []


def test_the_address_is_checked_with_and_without_script(alpha):
    def check(name):
        return (
            Client().get("/ansok/adress/", {"name": name}, HTTP_HOST=PUBLIC_HOST).json()
        )

    free, taken, reserved = check("nacka"), check("alpha"), check("www")
    by_button = Client().post(
        "/ansok/", {**FORM, "subdomain": "alpha", "check": "1"}, HTTP_HOST=PUBLIC_HOST
    )

    assert (free["available"], free["message"]) == (True, "nacka.localhost är ledig.")
    assert taken["available"] is False and "upptagen" in taken["message"]
    assert reserved["available"] is False
    assert by_button.status_code == 200
    assert "alpha.localhost är upptagen" in by_button.content.decode()
    assert not Application.objects.exists()


@override_settings(APPLICATION_THROTTLE_RATE="2/hour")
def test_applications_are_rate_limited(db):
    answers = [
        _apply(subdomain=f"kommun-{n}", REMOTE_ADDR="192.0.2.7").status_code
        for n in range(3)
    ]

    assert answers == [302, 302, 429]
    assert Application.objects.count() == 2


def _submitted(**fields) -> Application:
    data = {
        "kind": "partnership",
        "organisation_name": "Kv(in)na Söder",
        "organisation_number": "212000-0142",
        "partners": [
            {
                "name": "Röda Korset Söder",
                "organisation_number": "802002-8711",
                "role": "idea_based",
            }
        ],
        "contact_name": "Sara Lind",
        "contact_role": "Projektledare",
        "contact_email": "sara.lind@nacka.example",
        "contact_phone": "+46701234567",
        "subdomain": "kvinna-soder",
        "program_templates": ["kvinna"],
        "listed": True,
        "token_hash": "a" * 64,
        "status_token_hash": "b" * 64,
        "status": Application.Status.SUBMITTED,
        **fields,
    }
    from django.utils import timezone

    data.setdefault("expires_at", timezone.now())
    return Application.objects.create(**data)


def test_the_operator_declines_with_a_reason_the_applicant_receives(
    db, django_capture_on_commit_callbacks
):
    application = _submitted()
    operator = operator_signed_in("kassor")
    url = f"/operator/applications/{application.pk}/"

    listing = operator.get("/operator/applications/", HTTP_HOST=PUBLIC_HOST)
    no_reason = operator.post(url + "decline/", {"reason": " "}, HTTP_HOST=PUBLIC_HOST)
    with django_capture_on_commit_callbacks(execute=True):
        declined = operator.post(
            url + "decline/",
            {"reason": "Kommunen har redan en webbplats hos oss."},
            HTTP_HOST=PUBLIC_HOST,
        )
        twice = operator.post(
            url + "decline/", {"reason": "Igen"}, HTTP_HOST=PUBLIC_HOST
        )

    assert "Kv(in)na Söder" in listing.content.decode()
    assert no_reason.status_code == 400
    assert declined.status_code == twice.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.DECLINED
    assert application.decline_reason == "Kommunen har redan en webbplats hos oss."
    assert application.decided_by == "kassor"
    (told,) = mail.outbox
    assert told.to == ["sara.lind@nacka.example"]
    assert "Kommunen har redan en webbplats hos oss." in told.body


def test_approval_makes_the_site_and_its_first_administrator(
    db, django_capture_on_commit_callbacks, alpha
):
    # A partner another tenant has already: linked as it is, never renamed.
    from tenants.models import PartnerOrganisation

    known = PartnerOrganisation.objects.create(
        name="Röda Korset", organisation_number="802002-8711", role="idea_based"
    )
    Partnership.objects.create(tenant=alpha, organisation=known)
    application = _submitted()
    operator = operator_signed_in("kassor")

    with django_capture_on_commit_callbacks(execute=True):
        approved = operator.post(
            f"/operator/applications/{application.pk}/approve/", HTTP_HOST=PUBLIC_HOST
        )
    application.refresh_from_db()
    page = operator.get(
        f"/operator/applications/{application.pk}/", HTTP_HOST=PUBLIC_HOST
    )

    assert approved.status_code == 302
    assert application.status == Application.Status.LIVE
    tenant = application.tenant
    assert (tenant.slug, tenant.status, tenant.listed) == (
        "kvinna-soder",
        Tenant.Status.TRIAL,
        True,
    )
    assert tenant.trial_ends_at is not None
    assert Domain.objects.get(tenant=tenant).domain == "kvinna-soder.localhost"
    assert sorted(
        Partnership.objects.filter(tenant=tenant).values_list(
            "organisation__organisation_number", flat=True
        )
    ) == ["212000-0142", "802002-8711"]
    known.refresh_from_db()
    assert (known.name, known.role) == ("Röda Korset", "idea_based")
    assert Partnership.objects.filter(organisation=known).count() == 2
    own = PartnerOrganisation.objects.get(organisation_number="212000-0142")
    assert (own.name, own.role) == ("Kv(in)na Söder", "municipality")
    with tenant_context(tenant):
        assert list(Program.objects.values_list("template_key", "status")) == [
            ("kvinna", "draft")
        ]
        admin = get_user_model().objects.get()
        assert admin.email == "sara.lind@nacka.example"
        assert not admin.has_usable_password()
        assert sorted(admin.groups.values_list("name", flat=True)) == [
            "Administratörer",
            "Publicister",
            "Samordnare",
        ]
    assert "Klar: webbplatsen är i drift" in page.content.decode()
    (welcome,) = mail.outbox
    assert welcome.to == ["sara.lind@nacka.example"]
    link = _link(
        r"http://kvinna-soder\.localhost/admin/password_reset/confirm/\S+/", welcome
    )

    browser = Client()
    host = "kvinna-soder.localhost"
    form = browser.get(link, HTTP_HOST=host, follow=True)
    chosen = browser.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Kompis-Nacka-2026!", "new_password2": "Kompis-Nacka-2026!"},
        HTTP_HOST=host,
    )
    reused = Client().get(link, HTTP_HOST=host, follow=True)
    signed_in = Client().post(
        "/admin/login/",
        {"username": "sara.lind@nacka.example", "password": "Kompis-Nacka-2026!"},
        HTTP_HOST=host,
    )

    assert form.status_code == 200 and "new_password1" in form.content.decode()
    assert chosen.status_code == 302
    assert "new_password1" not in reused.content.decode()  # spent
    assert signed_in.status_code == 302


def test_a_failed_provisioning_leaves_nothing_and_can_be_retried(
    db, django_capture_on_commit_callbacks, settings
):
    settings.LAUNCH_OPERATOR_EMAILS = ["drift@kompis.example"]
    application = _submitted(program_templates=["kvinna", "finns-inte"])

    with django_capture_on_commit_callbacks(execute=True):
        application_approve(application=application, actor="kassor")
    application.refresh_from_db()
    failed_status, error = application.status, application.error
    left = (
        Tenant.objects.filter(slug="kvinna-soder").exists(),
        schema_exists("kvinna_soder"),
        Domain.objects.filter(domain="kvinna-soder.localhost").exists(),
        Partnership.objects.filter(
            organisation__organisation_number="802002-8711"
        ).exists(),
    )
    told = [message.to for message in mail.outbox]
    Application.objects.filter(pk=application.pk).update(program_templates=["kvinna"])
    with django_capture_on_commit_callbacks(execute=True):
        application_approve(application=application, actor="kassor")
    application.refresh_from_db()

    assert failed_status == Application.Status.FAILED
    assert "finns-inte" in error
    assert left == (False, False, False, False)
    assert told == [["drift@kompis.example"]]
    assert application.status == Application.Status.LIVE
    assert schema_exists("kvinna_soder")


def test_the_operator_sees_an_application_only_once_it_is_confirmed(db):
    waiting = _submitted(status=Application.Status.UNCONFIRMED)
    operator = operator_signed_in("kassor")

    listing = operator.get("/operator/applications/?status=all", HTTP_HOST=PUBLIC_HOST)
    page = operator.get(f"/operator/applications/{waiting.pk}/", HTTP_HOST=PUBLIC_HOST)
    approve = operator.post(
        f"/operator/applications/{waiting.pk}/approve/", HTTP_HOST=PUBLIC_HOST
    )

    assert "Kv(in)na Söder" not in listing.content.decode()
    assert page.status_code == approve.status_code == 404
    waiting.refresh_from_db()
    assert waiting.status == Application.Status.UNCONFIRMED


def test_tenant_hosts_have_no_application_pages(alpha):
    application = _submitted()
    operator = operator_signed_in("kassor")

    assert Client().get("/ansok/", HTTP_HOST=ALPHA_HOST).status_code == 404
    assert (
        operator.get(
            f"/operator/applications/{application.pk}/", HTTP_HOST=ALPHA_HOST
        ).status_code
        == 404
    )


def test_two_workers_provision_an_application_once(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        public = Tenant.objects.get(schema_name="public")
        application = _submitted(
            status=Application.Status.APPROVED,
            subdomain="samtidigt",
            program_templates=[],
            token_hash="c" * 64,
            status_token_hash="d" * 64,
        )
        try:
            results = together(
                public,
                lambda: application_provision(application.pk),
                lambda: application_provision(application.pk),
            )

            assert sorted(results) == ["live", "not ours"], results
            assert Tenant.objects.filter(slug="samtidigt").count() == 1
        finally:
            connection.set_schema_to_public()
            made = Tenant.objects.filter(slug="samtidigt").first()
            Application.objects.filter(pk=application.pk).delete()
            if made is not None:
                Partnership.objects.filter(tenant=made).delete()
                made.delete(force_drop=True)


def test_a_listed_sites_logo_comes_along_as_data(alpha):
    """The public page's policy allows images from itself or data: only; a listed
    site's logo (from its theme, in its own schema) comes as a small data: image."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as Picture
    from wagtail.images.models import Image
    from wagtail.models import Site

    from themes.models import ThemeSettings

    Tenant.objects.filter(pk=alpha.pk).update(listed=True)
    drawn = io.BytesIO()
    Picture.new("RGB", (600, 200), (18, 50, 92)).save(drawn, format="PNG")
    with tenant_context(alpha):
        logo = Image.objects.create(
            title="Alphas logga", file=ImageFile(drawn, name="alpha-logo.png")
        )
        theme = ThemeSettings.for_site(Site.objects.get(is_default_site=True))
        theme.logo = logo
        theme.save()

    page = Client().get("/", HTTP_HOST=PUBLIC_HOST).content.decode()

    found = re.search(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert found, page
    import base64

    shown = Picture.open(io.BytesIO(base64.b64decode(found.group(1))))
    assert shown.size == (240, 80)  # the listing's size, not the upload's


def test_a_setting_approves_confirmed_trials_on_its_own(
    db, django_capture_on_commit_callbacks, settings
):
    settings.LAUNCH_AUTO_APPROVE_TRIALS = True
    with django_capture_on_commit_callbacks(execute=True):
        _apply(own_domain="nackakompis.se")
    confirm = _link(r"http://localhost/ansok/bekrafta/[\w-]+/", mail.outbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = Client().post(confirm, HTTP_HOST=PUBLIC_HOST)

    application = Application.objects.get()
    assert application.status == Application.Status.LIVE
    assert application.decided_by == "automatic"
    assert "webbplatsen skapas" in confirmed.content.decode()
    tenant = application.tenant
    assert (tenant.slug, tenant.status) == ("nacka", Tenant.Status.TRIAL)
    # The own domain it asked for waits for its DNS records.
    (own,) = tenant.own_domains.all()
    assert (own.host, own.status) == ("nackakompis.se", "pending")
    assert not Domain.objects.filter(domain="nackakompis.se").exists()


def test_the_plan_applied_for_is_where_the_operator_starts_the_subscription(
    db, django_capture_on_commit_callbacks, stripe_settings
):
    from tenants.billing.plans import plan_publish

    plan = plan_publish(
        Plan.objects.create(name="Partnerskap", includes="IOP", price_sek=72000)
    )
    application = _submitted(plan=plan)
    with django_capture_on_commit_callbacks(execute=True):
        application_approve(application=application, actor="kassor")
    application.refresh_from_db()

    page = operator_signed_in("kassor").get(
        f"/operator/tenants/{application.tenant.slug}/", HTTP_HOST=PUBLIC_HOST
    )

    body = page.content.decode()
    assert "Ansökan gällde Partnerskap." in body
    assert body.count(f'<option value="{plan.pk}" selected>') == 2  # card, invoice
    assert 'value="212000-0142"' in body


def test_two_confirmations_for_one_address_at_once_hold_it_once(
    django_db_setup, django_db_blocker
):
    from django.utils import timezone

    from config.one_time_tokens import one_time_token_hash
    from tenants.launch.applications import application_confirm

    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        public = Tenant.objects.get(schema_name="public")
        made = [
            _submitted(
                status=Application.Status.UNCONFIRMED,
                subdomain="samma-adress",
                token_hash=one_time_token_hash(f"token-{n}"),
                status_token_hash=one_time_token_hash(f"status-{n}"),
                expires_at=timezone.now() + timezone.timedelta(days=1),
            )
            for n in (1, 2)
        ]
        try:
            results = together(
                public,
                lambda: application_confirm(token="token-1", base_url="http://x"),
                lambda: application_confirm(token="token-2", base_url="http://x"),
            )

            confirmed = [r for r in results if isinstance(r, Application)]
            refused = [r for r in results if not isinstance(r, Application)]
            assert len(confirmed) == len(refused) == 1, results
            assert "samma-adress.localhost är upptagen" in str(refused[0].message)
            assert (
                Application.objects.filter(
                    subdomain="samma-adress", status=Application.Status.SUBMITTED
                ).count()
                == 1
            )
        finally:
            connection.set_schema_to_public()
            Application.objects.filter(pk__in=[a.pk for a in made]).delete()
