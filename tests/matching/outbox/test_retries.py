"""The outbox keeps trying while a provider is down: growing delays for three days,
then `failed`; a coordinator can retry a failed message; one retry chain holds a
message at a time, and no attempt sends twice, also at the same moment or with a
real worker and a gateway that is down for longer than the old retry window."""

import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import F
from django.test import override_settings
from django.utils import timezone
from django_tenants.utils import tenant_context

from matching.models import Message
from matching.outbox.services import (
    RETRY_NOT_FAILED,
    MessageNotSent,
    message_attempt,
    message_queue,
    message_retry,
    message_send,
    outbox_flush,
)
from matching.roles import COORDINATORS
from tenants.models import Tenant
from tests.conftest import ALPHA_HOST, BETA_HOST
from tests.factories import StaffUserFactory, client_of
from tests.matching.committed import together, told
from tests.workers import REDIS_SERVER, PrivateRedis, broker, wait_for, worker

HOURS = 3600


class Gateway(BaseHTTPRequestHandler):
    """A local stand-in for the SMS gateway (46elks' HTTP API). Down (500) while
    `down` is true, until `down_until` (monotonic), or for the first
    `refuse_first` attempts of each message; counts what it received per message
    text, and how many of those it accepted."""

    down = False
    down_until = 0.0
    refuse_first = 0
    delay = 0.0
    lock = threading.Lock()
    received: dict = {}
    accepted: dict = {}

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        cls = type(self)
        if cls.delay:
            time.sleep(cls.delay)
        with cls.lock:
            text = form.get("message", "")
            before = cls.received.get(text, 0)
            is_down = (
                cls.down
                or time.monotonic() < cls.down_until
                or before < cls.refuse_first
            )
            cls.received[text] = before + 1
            if not is_down:
                cls.accepted[text] = cls.accepted.get(text, 0) + 1
        if is_down:
            self.send_response(500)
            self.end_headers()
            self.wfile.write(b"down")
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps({"id": f"s-{text}"}).encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway():
    Gateway.down, Gateway.down_until, Gateway.delay = False, 0.0, 0.0
    Gateway.refuse_first = 0
    Gateway.received, Gateway.accepted = {}, {}
    server = HTTPServer(("127.0.0.1", 0), Gateway)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Gateway.url = f"http://127.0.0.1:{server.server_port}/a1/sms"
    with override_settings(
        SMS_API_URL=Gateway.url, SMS_API_USERNAME="u", SMS_API_PASSWORD="p"
    ):
        yield Gateway
    server.shutdown()
    server.server_close()


def _sms(text: str) -> Message:
    return message_queue(channel="sms", to="+46701234567", body=text)


def _let_time_pass(message: Message) -> None:
    """Move the message's clock forward to its next attempt (its times move back
    by the wait, which is the same to the outbox)."""
    wait = message.next_attempt_at - timezone.now() + timedelta(milliseconds=1)
    Message.objects.filter(pk=message.pk).update(
        queued_at=F("queued_at") - wait,
        next_attempt_at=F("next_attempt_at") - wait,
        claimed_until=None,
    )


def test_retries_grow_like_a_providers_for_three_days_then_fail(kvinna, gateway):
    gateway.down = True
    message = _sms("Hej!")
    waits = []
    while True:
        before = timezone.now()
        try:
            message_send(message_id=message.pk)
        except MessageNotSent:
            pass
        message.refresh_from_db()
        if message.status == Message.Status.FAILED:
            break
        assert message.status == Message.Status.QUEUED
        waits.append(int((message.next_attempt_at - before).total_seconds()))
        if waits[-1] <= 1800:  # the chain holds it until then (countdown)
            assert message.claimed_until > message.next_attempt_at
        else:  # a long wait is left to the beat job
            assert message.claimed_until is None
        _let_time_pass(message)
        assert len(waits) < 100

    assert waits[:6] == [60, 5 * 60, 15 * 60, 1 * HOURS, 3 * HOURS, 6 * HOURS]
    assert set(waits[5:-1]) == {6 * HOURS}
    assert 0 < waits[-1] <= 6 * HOURS
    assert abs(sum(waits) - 72 * HOURS) < 60  # three days, then it gives up
    assert message.attempts == len(waits) + 1 == gateway.received["Hej!"]
    assert "500" in message.last_error and message.next_attempt_at is None


def test_the_beat_job_hands_over_only_what_no_chain_holds(kvinna, gateway):
    _sms("held")  # its first hand-over holds it for OUTBOX_LEASE
    later = _sms("later")
    Message.objects.filter(pk=later.pk).update(
        next_attempt_at=timezone.now() + timedelta(hours=1), claimed_until=None
    )
    expired = _sms("expired")
    Message.objects.filter(pk=expired.pk).update(
        claimed_until=timezone.now() - timedelta(seconds=1)
    )
    stuck = _sms("stuck")  # a worker died in the middle of an attempt
    Message.objects.filter(pk=stuck.pk).update(
        status=Message.Status.SENDING,
        claimed_until=timezone.now() - timedelta(seconds=1),
    )

    assert outbox_flush(schema_name="alpha") == 2

    assert gateway.accepted == {"expired": 1, "stuck": 1}
    statuses = dict(Message.objects.values_list("body", "status"))
    assert statuses == {
        "held": "queued",
        "later": "queued",
        "expired": "sent",
        "stuck": "sent",
    }
    assert outbox_flush(schema_name="alpha") == 0


def test_an_attempt_that_is_not_due_or_taken_sends_nothing(kvinna, gateway):
    message = _sms("once")
    assert message_attempt(message_id=message.pk).status == Message.Status.SENT
    assert message_attempt(message_id=message.pk) is None  # a redelivery
    Message.objects.filter(pk=message.pk).update(status=Message.Status.SENDING)
    assert message_attempt(message_id=message.pk) is None  # another task has it
    assert gateway.received == {"once": 1}


def _failed(text: str) -> Message:
    message = _sms(text)
    Message.objects.filter(pk=message.pk).update(
        status=Message.Status.FAILED,
        attempts=17,
        claimed_until=None,
        next_attempt_at=None,
        last_error="SMS gateway answered 500: down",
    )
    message.refresh_from_db()
    return message


def test_a_coordinator_retries_a_failed_message_from_the_admin(
    kvinna, gateway, django_capture_on_commit_callbacks
):
    message = _failed("again")
    staff = client_of(
        StaffUserFactory(username="samordnare", group=COORDINATORS), ALPHA_HOST
    )
    page = staff.get(f"/admin/messages/inspect/{message.pk}/", HTTP_HOST=ALPHA_HOST)
    assert page.status_code == 200 and "Skicka igen" in page.content.decode()
    url = f"/admin/matchning/meddelande/{message.pk}/skicka-igen/"

    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(url, HTTP_HOST=ALPHA_HOST)

    assert response["Location"] == f"/admin/messages/inspect/{message.pk}/"
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert gateway.accepted == {"again": 1}
    again = staff.post(url, HTTP_HOST=ALPHA_HOST, follow=True)
    assert RETRY_NOT_FAILED in again.content.decode()
    assert gateway.received == {"again": 1}


def test_only_outbox_readers_retry_and_beta_cannot_touch_alphas_message(
    kvinna, beta, gateway
):
    message = _failed("alpha's")
    url = f"/admin/matchning/meddelande/{message.pk}/skicka-igen/"
    with tenant_context(beta):
        beta_staff = client_of(
            StaffUserFactory(username="beta_samordnare", group=COORDINATORS), BETA_HOST
        )
        assert not Message.objects.filter(pk=message.pk).exists()
    assert beta_staff.post(url, HTTP_HOST=BETA_HOST).status_code == 404
    connection.set_tenant(Tenant.objects.get(slug="alpha"))

    editor = get_user_model().objects.create_user("redaktor", "r@example.se", "pw")
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    response = client_of(editor, ALPHA_HOST).post(url, HTTP_HOST=ALPHA_HOST)
    assert response.status_code in (302, 403)
    connection.set_tenant(Tenant.objects.get(slug="alpha"))
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED
    assert gateway.received == {}


def _committed_failed_message(alpha, text: str) -> int:
    with tenant_context(alpha):
        with transaction.atomic():
            message = message_queue(channel="sms", to="+46701234567", body=text)
        Message.objects.filter(pk=message.pk).update(status=Message.Status.FAILED)
        return message.pk


def _at_once(alpha, action, count: int = 2) -> list:
    """`action()` in `count` threads, each with its own connection, released
    together: what each returned or the message of the ApplicationError."""
    return told(together(alpha, *[action] * count))


@pytest.mark.slow
def test_two_attempts_and_two_retries_at_the_same_moment_send_once(
    django_db_setup, django_db_blocker, gateway
):
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        alpha = Tenant.objects.get(slug="alpha")
        ids = []
        try:
            gateway.down = True  # the hand-over after the commit fails
            gateway.delay = 0.5  # both attempts are in flight together
            first = _committed_failed_message(alpha, "twice-attempted")
            ids.append(first)
            gateway.down = False
            with tenant_context(alpha):
                Message.objects.filter(pk=first).update(
                    status=Message.Status.QUEUED, next_attempt_at=timezone.now()
                )
            gateway.received, gateway.accepted = {}, {}
            results = _at_once(alpha, lambda: message_attempt(message_id=first))
            assert sorted(r is None for r in results) == [False, True]
            assert gateway.received == {"twice-attempted": 1}

            gateway.down = True
            second = _committed_failed_message(alpha, "twice-retried")
            ids.append(second)
            gateway.down = False
            gateway.received, gateway.accepted = {}, {}

            def retry():
                message_retry(message=Message.objects.get(pk=second))
                return "retried"

            results = _at_once(alpha, retry)
            assert sorted(results) == sorted(["retried", RETRY_NOT_FAILED])
            with tenant_context(alpha):
                assert Message.objects.get(pk=second).status == Message.Status.SENT
            assert gateway.accepted == {"twice-retried": 1}
        finally:
            with tenant_context(alpha):
                Message.objects.filter(pk__in=ids).delete()
            connection.set_schema_to_public()


def _worker_env(gateway_url: str, **settings) -> dict:
    return {
        "SMS_API_URL": gateway_url,
        "SMS_API_USERNAME": "u",
        "SMS_API_PASSWORD": "p",
        **{key: str(value) for key, value in settings.items()},
    }


def _statuses(alpha, ids) -> set:
    with tenant_context(alpha):
        return set(Message.objects.filter(pk__in=ids).values_list("status", flat=True))


@pytest.mark.slow
@pytest.mark.skipif(REDIS_SERVER is None, reason="needs redis-server on PATH")
def test_a_gateway_down_longer_than_the_old_retry_window_loses_nothing(
    django_db_setup, django_db_blocker, gateway
):
    """Before, a message got 9 attempts and then failed; here the gateway refuses
    the first 12 attempts of every message (the schedule shrunk to 1-2 s steps),
    then takes them: each message is sent once, after more than 9 refusals. By
    count, not by clock, so a slow machine proves the same."""
    texts = [f"Hej {n}, du har en kompis." for n in range(3)]
    redis = PrivateRedis()
    redis.start()
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        alpha = Tenant.objects.get(slug="alpha")
        ids = []
        try:
            env = _worker_env(
                gateway.url,
                OUTBOX_RETRY_DELAYS="1,1,2",
                OUTBOX_GIVE_UP_AFTER=600,
                OUTBOX_LEASE=30,
            )
            with broker(redis.url), worker(redis.url, **env) as process:
                gateway.refuse_first = 12
                with tenant_context(alpha), transaction.atomic():
                    ids = [
                        message_queue(channel="sms", to="+46701234567", body=text).pk
                        for text in texts
                    ]
                wait_for(
                    lambda: _statuses(alpha, ids) == {Message.Status.SENT},
                    process,
                    timeout=120,
                )
                time.sleep(4)  # time for any stray second attempt to show
            assert gateway.accepted == {text: 1 for text in texts}
            assert gateway.received == {text: 13 for text in texts}
            with tenant_context(alpha):
                for message in Message.objects.filter(pk__in=ids):
                    assert message.attempts == gateway.received[message.body]
        finally:
            redis.stop()
            with tenant_context(alpha):
                Message.objects.filter(pk__in=ids).delete()
            connection.set_schema_to_public()


@pytest.mark.slow
@pytest.mark.skipif(REDIS_SERVER is None, reason="needs redis-server on PATH")
def test_a_failed_message_retried_by_a_coordinator_is_sent_once(
    django_db_setup, django_db_blocker, gateway
):
    text = "Hej, din länk."
    redis = PrivateRedis()
    redis.start()
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        alpha = Tenant.objects.get(slug="alpha")
        ids = []
        try:
            env = _worker_env(
                gateway.url, OUTBOX_RETRY_DELAYS="1", OUTBOX_GIVE_UP_AFTER=6
            )
            with broker(redis.url), worker(redis.url, **env) as process:
                gateway.down = True
                with tenant_context(alpha), transaction.atomic():
                    ids = [message_queue(channel="sms", to="+4670111", body=text).pk]
                wait_for(
                    lambda: _statuses(alpha, ids) == {Message.Status.FAILED},
                    process,
                    timeout=30,
                )
                refused = gateway.received[text]
                assert refused >= 1
                gateway.down = False

                def retry():
                    message_retry(message=Message.objects.get(pk=ids[0]))
                    return "retried"

                # Two coordinators click at the same moment.
                results = _at_once(alpha, retry)
                assert sorted(results) == sorted(["retried", RETRY_NOT_FAILED])
                wait_for(
                    lambda: _statuses(alpha, ids) == {Message.Status.SENT}, process
                )
                time.sleep(3)
            assert gateway.accepted == {text: 1}
            assert gateway.received[text] == refused + 1
        finally:
            redis.stop()
            with tenant_context(alpha):
                Message.objects.filter(pk__in=ids).delete()
            connection.set_schema_to_public()
