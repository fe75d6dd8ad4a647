"""Sending a program message to a participant, with a fresh self-service link."""

import logging

from matching.models import (
    Participant,
    ParticipantToken,
)
from matching.outbox.program_messages import program_message_render
from matching.outbox.services import message_queue
from matching.participants.links import participant_link
from matching.participants.tokens import participant_token_issue
from matching.programs.texts import text_in

logger = logging.getLogger(__name__)


def participant_notify(
    *,
    participant: Participant,
    key: str,
    context: dict,
    base_url: str,
    channels=("email",),
) -> None:
    """Send a program message to a participant on the channels asked for, with a
    fresh self-service link in {link}; opt-outs are honoured by the outbox."""
    token = participant_token_issue(
        participant=participant, purpose=ParticipantToken.Purpose.MANAGE
    )
    context = {
        "first_name": participant.first_name,
        "program": text_in(participant.program, "name", participant.language),
        "link": participant_link(participant, "matching:open", base_url, token=token),
        **context,
    }
    for channel in channels:
        rendered = program_message_render(
            participant.program, key, channel, participant.language, context
        )
        if rendered is None:
            continue
        to = participant.email if channel == "email" else str(participant.phone or "")
        message_queue(
            channel=channel,
            to=to,
            subject=rendered[0],
            body=rendered[1],
            participant=participant,
            template_key=key,
            secrets=[token],
        )
