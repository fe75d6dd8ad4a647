"""The end of a trial: the tenant's administrators are told 14 and 3 days before,
once each however often the job runs or however many run at once; a trial that
ends without a paid subscription is suspended (never deleted) and they are told;
one with a paid subscription is left for Stripe's webhook to make active."""

from datetime import timedelta

from django.core import mail
from django.db import connection
from django.utils import timezone

from tenants.billing.trials import trial_notice_claim, trials_handle
from tenants.models import BillingAccount, Tenant
from tests.factories import staff_user
from tests.matching.committed import together

ADMINISTRATORS = "Administratörer"


def _trial(tenant, *, days_left: int) -> None:
    Tenant.objects.filter(pk=tenant.pk).update(
        status=Tenant.Status.TRIAL,
        trial_ends_at=timezone.localdate() + timedelta(days=days_left),
        trial_notice_days=None,
    )
    tenant.refresh_from_db()


def test_told_fourteen_and_three_days_before_once_each(
    alpha, django_capture_on_commit_callbacks
):
    admin = staff_user(alpha, group=ADMINISTRATORS, username="ekonomi")
    staff_user(alpha, group="Samordnare", username="samordnare-x")
    _trial(alpha, days_left=14)
    today = timezone.localdate()

    with django_capture_on_commit_callbacks(execute=True):
        first = trials_handle(today=today)
        again = trials_handle(today=today)
        later = trials_handle(today=today + timedelta(days=11))  # 3 days left
        last = trials_handle(today=today + timedelta(days=12))

    assert [first["told"], again["told"], later["told"], last["told"]] == [1, 0, 1, 0]
    assert [message.to for message in mail.outbox] == [[admin.email]] * 2
    assert mail.outbox[0].subject == "Alpha Kompis: provperioden slutar om 14 dagar"
    assert mail.outbox[1].subject == "Alpha Kompis: provperioden slutar om 3 dagar"
    ends = (today + timedelta(days=14)).isoformat()
    assert f"slutar {ends}" in mail.outbox[0].body


def test_a_trial_that_ends_unpaid_is_suspended_and_a_paid_one_is_not(
    alpha, beta, django_capture_on_commit_callbacks
):
    admin = staff_user(alpha, group=ADMINISTRATORS, username="ekonomi")
    _trial(alpha, days_left=0)
    _trial(beta, days_left=-1)
    BillingAccount.objects.create(
        tenant=beta,
        stripe_customer_id="cus_beta",
        stripe_subscription_id="sub_beta",
        subscription_status="active",
    )

    with django_capture_on_commit_callbacks(execute=True):
        done = trials_handle()

    assert done == {"told": 0, "suspended": 1}
    alpha.refresh_from_db()
    beta.refresh_from_db()
    assert alpha.status == Tenant.Status.SUSPENDED
    assert beta.status == Tenant.Status.TRIAL  # Stripe's webhook makes it active
    assert [message.to for message in mail.outbox] == [[admin.email]]
    assert mail.outbox[0].subject == "Alpha Kompis: abonnemangets status är nu Avstängd"


def test_two_jobs_at_the_same_moment_send_one_notice(
    django_db_setup, django_db_blocker
):
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        public = Tenant.objects.get(schema_name="public")
        alpha = Tenant.objects.get(slug="alpha")
        try:
            _trial(alpha, days_left=10)

            results = together(
                public,
                lambda: trial_notice_claim(alpha, 14),
                lambda: trial_notice_claim(alpha, 14),
            )

            assert sorted(results) == [False, True], results
        finally:
            connection.set_schema_to_public()
            Tenant.objects.filter(pk=alpha.pk).update(
                status=Tenant.Status.ACTIVE, trial_ends_at=None, trial_notice_days=None
            )
