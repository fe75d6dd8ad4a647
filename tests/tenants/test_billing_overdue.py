"""After a failed or overdue payment a tenant is past due; once its grace period
after the unpaid invoice's due date is over, the daily job suspends it (its public
site answers 503, its admin stays open so staff can pay, its data stays), and
not a day before. Every change billing makes is told to the tenant's
administrators by e-mail, and to nobody of another tenant."""

import time

from django.core import mail
from django.test import Client

from tenants.billing.overdue import overdue_suspend
from tenants.models import AuditLogEntry, BillingAccount, Tenant
from tests.conftest import ALPHA_HOST, PUBLIC_HOST
from tests.factories import staff_user
from tests.fake_stripe import (
    event_body,
    signature_header,
)

ADMINISTRATORS = "Administratörer"
DAY = 24 * 60 * 60


def _past_due(tenant, fake, *, due_days_ago: int, grace_days: int = 30) -> None:
    Tenant.objects.filter(pk=tenant.pk).update(status=Tenant.Status.PAST_DUE)
    customer = f"cus_{tenant.slug}"
    BillingAccount.objects.create(
        tenant=tenant,
        stripe_customer_id=customer,
        stripe_subscription_id=f"sub_{tenant.slug}",
        grace_days=grace_days,
    )
    fake.put(
        {
            "id": f"in_{tenant.slug}",
            "object": "invoice",
            "customer": customer,
            "status": "open",
            "due_date": int(time.time()) - due_days_ago * DAY,
        }
    )


def test_the_grace_period_ends_in_a_suspension_and_not_a_day_before(
    alpha, beta, stripe_settings, django_capture_on_commit_callbacks
):
    _past_due(alpha, stripe_settings, due_days_ago=31)
    _past_due(beta, stripe_settings, due_days_ago=29)
    admin = staff_user(alpha, group=ADMINISTRATORS, username="ekonomi")
    staff_user(beta, group=ADMINISTRATORS, username="beta-admin")

    with django_capture_on_commit_callbacks(execute=True):
        suspended = overdue_suspend()
    again = overdue_suspend()

    assert (suspended, again) == (1, 0)
    alpha.refresh_from_db()
    beta.refresh_from_db()
    assert (alpha.status, beta.status) == (
        Tenant.Status.SUSPENDED,
        Tenant.Status.PAST_DUE,
    )
    assert AuditLogEntry.objects.get(tenant=alpha, actor_username="billing").detail == {
        "from": "past_due",
        "to": "suspended",
    }
    site = Client().get("/", HTTP_HOST=ALPHA_HOST)
    admin_login = Client().get("/admin/login/", HTTP_HOST=ALPHA_HOST)
    assert site.status_code == 503
    assert admin_login.status_code == 200
    assert [message.to for message in mail.outbox] == [[admin.email]]
    told = mail.outbox[0]
    assert told.subject == "Alpha Kompis: abonnemangets status är nu Avstängd"
    assert "Inga uppgifter raderas" in told.body


def test_a_tenant_that_pays_in_time_is_not_suspended(
    alpha, stripe_settings, django_capture_on_commit_callbacks
):
    _past_due(alpha, stripe_settings, due_days_ago=31, grace_days=45)
    stripe_settings.put(
        {"id": "sub_alpha", "object": "subscription", "status": "active"}
    )
    staff_user(alpha, group=ADMINISTRATORS, username="ekonomi")
    body = event_body(
        "evt_paid",
        "invoice.paid",
        {"id": "in_alpha", "object": "invoice", "subscription": "sub_alpha"},
    )

    assert overdue_suspend() == 0  # 31 days past due, 45 days of grace
    with django_capture_on_commit_callbacks(execute=True):
        paid = Client().post(
            "/billing/stripe/webhook/",
            data=body,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signature_header(body),
            HTTP_HOST=PUBLIC_HOST,
        )

    assert paid.json()["outcome"] == "past_due -> active"
    alpha.refresh_from_db()
    assert alpha.status == Tenant.Status.ACTIVE
    assert mail.outbox[-1].subject == "Alpha Kompis: abonnemangets status är nu Aktiv"
