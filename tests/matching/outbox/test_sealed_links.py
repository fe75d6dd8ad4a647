"""One-time links are not readable in the outbox: the stored message holds a
marker where the token was and the token only encrypted; the e-mail as sent holds
the working link; staff reading the outbox see neither."""

import json
import re

from django.core import mail
from django.test import Client, override_settings

from matching.models import Message, Participant
from matching.outbox.services import message_send
from matching.roles import COORDINATORS
from tests.conftest import ALPHA_HOST
from tests.factories import signed_in
from tests.matching.factories import ParticipantFactory

LINK = re.compile(r"https?://[^/\s]+(/deltagare/oppna/([^\s/]+)/)")


def _link_requested(kvinna) -> tuple[Participant, Message]:
    amina = ParticipantFactory(program=kvinna, side_key="a", first_name="Amina")
    Client().post("/deltagare/ny-lank/", {"email": amina.email}, HTTP_HOST=ALPHA_HOST)
    return amina, Message.objects.get(participant=amina, template_key="manage_link")


def test_the_stored_message_holds_no_usable_link_and_the_sent_one_does(kvinna, alpha):
    amina, message = _link_requested(kvinna)

    stored = json.dumps(
        list(Message.objects.filter(pk=message.pk).values()), default=str
    )
    assert "/deltagare/oppna/⟦0⟧/" in message.body

    message_send(message_id=message.pk)
    sent = mail.outbox[-1].body
    path, token = LINK.search(sent).groups()
    assert "⟦" not in token and token not in stored
    assert Client().get(path, HTTP_HOST=ALPHA_HOST)["Location"] == "/deltagare/"

    coordinator = signed_in(alpha, ALPHA_HOST, group=COORDINATORS)
    page = coordinator.get(
        f"/admin/messages/inspect/{message.pk}/", HTTP_HOST=ALPHA_HOST
    )
    assert page.status_code == 200
    assert token not in page.content.decode()


def test_a_rotated_key_still_opens_links_queued_before(kvinna, settings):
    _, message = _link_requested(kvinna)
    old_key = settings.SECRET_KEY

    with override_settings(
        SECRET_KEY="a-new-key-" + "x" * 40, SECRET_KEY_FALLBACKS=[old_key]
    ):
        message_send(message_id=message.pk)

    token = LINK.search(mail.outbox[-1].body).group(2)
    assert "⟦" not in token and len(token) > 20


def test_without_the_key_a_queued_link_is_dead_not_readable(kvinna):
    _, message = _link_requested(kvinna)

    with override_settings(SECRET_KEY="another-key-" + "y" * 40):
        message_send(message_id=message.pk)

    assert "/deltagare/oppna/⟦0⟧/" in mail.outbox[-1].body
