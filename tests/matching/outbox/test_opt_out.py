"""Opting out of a channel stops reminders and news on it, never what the person
asks for: someone who opted out of e-mail still gets their self-service link."""

from django.core import mail
from django.db import connection
from django.test import Client

from matching.matches.reminders import match_reminders_send
from matching.models import Match, Message, Participant
from matching.outbox.services import (
    REQUESTED,
    message_is_requested,
    message_queue,
    message_send,
)
from matching.participants.notify import participant_notify
from matching.participants.tokens import participant_token_issue
from tenants.models import Tenant
from tests.conftest import ALPHA_HOST, BETA_HOST
from tests.matching.factories import BASE, MatchFactory, ParticipantFactory
from tests.matching.inbox import link_in_last_message


def _signed_in(participant: Participant) -> Client:
    browser = Client()
    token = participant_token_issue(participant=participant, purpose="manage")
    browser.get(f"/deltagare/oppna/{token}/", HTTP_HOST=ALPHA_HOST)
    return browser


def test_the_classification_is_one_list_of_what_people_ask_for():
    assert message_is_requested(template_key="manage_link", channel="email")
    assert message_is_requested(template_key="registration_confirm", channel="email")
    assert not message_is_requested(template_key="meeting_reminder", channel="email")
    assert not message_is_requested(template_key="match_published", channel="sms")
    assert not message_is_requested(template_key="", channel="email")
    assert all(channel == "email" for _, channel in REQUESTED)


def test_opted_out_of_email_and_still_gets_back_to_the_page(kvinna):
    amina = ParticipantFactory(program=kvinna, side_key="a", first_name="Amina")
    browser = _signed_in(amina)
    browser.post("/deltagare/kanaler/", {"sms": "on"}, HTTP_HOST=ALPHA_HOST)
    amina.refresh_from_db()
    assert amina.email_opt_out and not amina.sms_opt_out

    response = Client().post(
        "/deltagare/ny-lank/", {"email": "amina@example.se"}, HTTP_HOST=ALPHA_HOST
    )

    assert response.status_code == 200
    link_message = Message.objects.filter(
        participant=amina, template_key="manage_link"
    ).get()
    assert link_message.status == Message.Status.QUEUED
    assert message_send(message_id=link_message.pk).status == Message.Status.SENT
    assert mail.outbox[-1].to == ["amina@example.se"]
    link = link_in_last_message("amina@example.se", "/deltagare/oppna/")
    fresh = Client()
    assert fresh.get(link, HTTP_HOST=ALPHA_HOST)["Location"] == "/deltagare/"
    assert (
        "Hej Amina!" in fresh.get("/deltagare/", HTTP_HOST=ALPHA_HOST).content.decode()
    )


def test_reminders_stop_on_the_channel_opted_out_of(kvinna):
    amina = ParticipantFactory(
        program=kvinna, side_key="a", first_name="Amina", email_opt_out=True
    )
    sara = ParticipantFactory(program=kvinna, side_key="b", first_name="Sara")
    match = MatchFactory(
        program=kvinna, participant_a=amina, participant_b=sara, published_days_ago=31
    )
    Match.objects.filter(pk=match.pk).update(first_followup_sent_at=match.published_at)

    match_reminders_send(base_url=BASE)

    reminders = {
        message.participant_id: message.status
        for message in Message.objects.filter(template_key="meeting_reminder")
    }
    assert reminders == {
        amina.pk: Message.Status.SKIPPED,
        sara.pk: Message.Status.QUEUED,
    }


def test_the_match_news_comes_by_email_whatever_the_opt_out_and_sms_honours_it(
    kvinna,
):
    amina = ParticipantFactory(
        program=kvinna,
        side_key="a",
        first_name="Amina",
        email_opt_out=True,
        sms_opt_out=True,
    )
    sara = ParticipantFactory(program=kvinna, side_key="b", first_name="Sara")

    MatchFactory(
        program=kvinna, participant_a=amina, participant_b=sara, published_days_ago=31
    )

    statuses = {
        message.channel: message.status
        for message in Message.objects.filter(
            participant=amina, template_key="match_published"
        )
    }
    assert statuses == {"email": Message.Status.QUEUED, "sms": Message.Status.SKIPPED}


def test_news_and_unknown_kinds_honour_the_opt_out(kvinna):
    amina = ParticipantFactory(
        program=kvinna, side_key="a", first_name="Amina", email_opt_out=True
    )
    for key in ("news", "", "something_new"):
        message = message_queue(
            channel="email",
            to=amina.email,
            subject="Nytt",
            body="Nyheter",
            participant=amina,
            template_key=key,
        )
        assert message.status == Message.Status.SKIPPED, key
    participant_notify(participant=amina, key="followup", context={}, base_url=BASE)
    assert (
        Message.objects.get(participant=amina, template_key="followup").status
        == Message.Status.SKIPPED
    )


def test_beta_cannot_change_alphas_channels(kvinna):
    amina = ParticipantFactory(program=kvinna, side_key="a", first_name="Amina")
    browser = _signed_in(amina)

    response = browser.post("/deltagare/kanaler/", {}, HTTP_HOST=BETA_HOST)

    assert response.status_code == 302
    assert response["Location"] == "/deltagare/ny-lank/"
    connection.set_tenant(Tenant.objects.get(slug="alpha"))
    amina.refresh_from_db()
    assert not amina.email_opt_out and not amina.sms_opt_out
    Client().post(
        "/deltagare/ny-lank/", {"email": "amina@example.se"}, HTTP_HOST=BETA_HOST
    )
    connection.set_tenant(Tenant.objects.get(slug="alpha"))
    assert not Message.objects.filter(template_key="manage_link").exists()


def test_opting_out_while_a_reminder_waits_to_be_retried_stops_it(kvinna):
    from config.errors import ApplicationError
    from matching.outbox.services import RETRY_OPTED_OUT, message_retry

    amina = ParticipantFactory(program=kvinna, side_key="a", first_name="Amina")
    waiting = message_queue(
        channel="email",
        to=amina.email,
        subject="Påminnelse",
        body="Hur går det?",
        participant=amina,
        template_key="meeting_reminder",
    )
    failed = message_queue(
        channel="email",
        to=amina.email,
        subject="Påminnelse",
        body="Hur går det?",
        participant=amina,
        template_key="meeting_reminder",
    )
    Message.objects.filter(pk=failed.pk).update(status=Message.Status.FAILED)
    amina.email_opt_out = True
    amina.save()

    assert message_send(message_id=waiting.pk).status == Message.Status.SKIPPED
    assert mail.outbox == []
    failed.refresh_from_db()
    try:
        message_retry(message=failed)
    except ApplicationError as error:
        assert error.message == RETRY_OPTED_OUT
    else:
        raise AssertionError("a retry of an opted-out reminder was accepted")
