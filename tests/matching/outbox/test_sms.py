"""SMS through the gateway's HTTP API (a local stand-in speaking it), retries,
per-tenant sender name, and opt-outs."""

import pytest
from wagtail.models import Site

from matching.models import Message, MessagingSettings
from matching.outbox.services import MessageNotSent, message_queue, message_send
from matching.participants.registration import registration_submit
from tests.matching.factories import registration_data


def test_a_gateway_error_is_retried_and_the_sms_sent_once(kvinna, gateway):
    settings_row = MessagingSettings.for_site(Site.objects.get(is_default_site=True))
    settings_row.sms_sender = "AlphaK"
    settings_row.save()
    gateway.failures = 1
    message = message_queue(
        channel="sms", to="+46701234567", body="Hej! Du har en kompis."
    )

    with pytest.raises(MessageNotSent, match="500"):
        message_send(message_id=message.pk)
    message.refresh_from_db()
    assert message.status == Message.Status.QUEUED and message.attempts == 1
    assert message.next_attempt_at > message.queued_at  # the retry waits
    # Not due yet: a second hand-over does nothing.
    assert message_send(message_id=message.pk).attempts == 1
    Message.objects.filter(pk=message.pk).update(next_attempt_at=message.queued_at)

    message_send(message_id=message.pk)
    message_send(message_id=message.pk)  # a redelivery: already sent, nothing happens
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert message.provider_id == "s2"
    assert len(gateway.received) == 2
    assert gateway.received[-1]["form"] == {
        "from": "AlphaK",
        "to": "+46701234567",
        "message": "Hej! Du har en kompis.",
    }
    assert gateway.received[-1]["auth"].startswith("Basic ")


def test_people_who_opted_out_of_a_channel_get_nothing_on_it(kvinna, gateway):
    participant = registration_submit(
        program=kvinna,
        side_key="a",
        data=registration_data(),
        base_url="http://alpha.localhost",
    ).participant
    participant.sms_opt_out = True
    participant.save()

    message = message_queue(
        channel="sms", to=str(participant.phone), body="x", participant=participant
    )

    assert message.status == Message.Status.SKIPPED
    assert message_send(message_id=message.pk).status == Message.Status.SKIPPED
    assert gateway.received == []


def test_the_sender_name_is_validated(kvinna):
    from django.core.exceptions import ValidationError

    row = MessagingSettings(
        site=Site.objects.get(is_default_site=True), sms_sender="Järfälla kommun"
    )
    with pytest.raises(ValidationError, match="Högst 11 tecken"):
        row.full_clean()
