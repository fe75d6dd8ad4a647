"""A real Celery worker delivers outbox e-mail over SMTP; with the broker down a
publish still succeeds and the message goes out, once, when the broker is back."""

import time

import pytest
from django.db import connection, transaction
from django_tenants.utils import tenant_context

from matching.models import Message
from matching.outbox.services import message_queue, outbox_flush
from tenants.models import Tenant
from tests.workers import REDIS_SERVER, PrivateRedis, broker, wait_for, worker

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(REDIS_SERVER is None, reason="needs redis-server on PATH"),
]


def _status(tenant, message_id) -> str:
    with tenant_context(tenant):
        return Message.objects.get(pk=message_id).status


def test_delivery_and_a_broker_outage(django_db_setup, django_db_blocker, mailbox):
    redis = PrivateRedis()
    redis.start()
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        alpha = Tenant.objects.get(slug="alpha")
        try:
            with (
                broker(redis.url),
                worker(
                    redis.url, EMAIL_URL=f"smtp://127.0.0.1:{mailbox.port}"
                ) as process,
            ):
                with tenant_context(alpha), transaction.atomic():
                    first = message_queue(
                        channel="email",
                        to="one@example.se",
                        subject="Ett",
                        body="Hej ett",
                    )
                wait_for(lambda: mailbox.count("one@example.se") == 1, process)
                wait_for(
                    lambda: _status(alpha, first.pk) == Message.Status.SENT, process
                )

                redis.stop()
                with tenant_context(alpha), transaction.atomic():
                    second = message_queue(
                        channel="email",
                        to="two@example.se",
                        subject="Två",
                        body="Hej två",
                    )
                # The publish went through; the message waits in the outbox.
                assert _status(alpha, second.pk) == Message.Status.QUEUED

                redis.start()
                with tenant_context(alpha):
                    assert outbox_flush(schema_name="alpha") == 1
                wait_for(
                    lambda: mailbox.count("two@example.se") == 1, process, timeout=60
                )
                wait_for(
                    lambda: _status(alpha, second.pk) == Message.Status.SENT, process
                )
                # Handing the sent message to the worker again sends nothing more.
                from matching.outbox.services import message_enqueue

                assert message_enqueue(message_id=second.pk, schema_name="alpha")
                time.sleep(3)  # time for the worker to take it
                assert mailbox.count("two@example.se") == 1
                message = mailbox.wait_for("two@example.se")
                assert message["Subject"] == "Två"
        finally:
            redis.stop()
            with tenant_context(alpha):
                Message.objects.filter(
                    to__in=["one@example.se", "two@example.se"]
                ).delete()
            connection.set_schema_to_public()


def test_an_sms_the_gateway_refuses_is_retried_by_the_worker(
    django_db_setup, django_db_blocker
):
    import threading
    from http.server import HTTPServer

    from tests.matching.sms_gateway import FakeGateway

    FakeGateway.received = []
    FakeGateway.failures = 1  # the first answer is a 500
    gateway = HTTPServer(("127.0.0.1", 0), FakeGateway)
    threading.Thread(target=gateway.serve_forever, daemon=True).start()
    redis = PrivateRedis()
    redis.start()
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        alpha = Tenant.objects.get(slug="alpha")
        try:
            with (
                broker(redis.url),
                worker(
                    redis.url,
                    SMS_API_URL=f"http://127.0.0.1:{gateway.server_port}/a1/sms",
                    SMS_API_USERNAME="u1",
                    SMS_API_PASSWORD="p1",
                    OUTBOX_RETRY_DELAYS="1",
                ) as process,
            ):
                with tenant_context(alpha), transaction.atomic():
                    sms = message_queue(channel="sms", to="+46701234567", body="Hej!")
                wait_for(lambda: _status(alpha, sms.pk) == Message.Status.SENT, process)
                with tenant_context(alpha):
                    assert Message.objects.get(pk=sms.pk).attempts == 2
                assert len(FakeGateway.received) == 2
                assert FakeGateway.received[-1]["form"]["to"] == "+46701234567"
        finally:
            redis.stop()
            gateway.shutdown()
            with tenant_context(alpha):
                Message.objects.filter(pk=sms.pk).delete()
            connection.set_schema_to_public()
