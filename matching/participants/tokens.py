"""One-time links for participants: only the hash is stored, each works once."""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from config.errors import ApplicationError
from matching.models import ParticipantToken

LINK_INVALID = "Länken fungerar inte. Be om en ny länk."
LINK_USED = "Länken har redan använts. Be om en ny länk."
LINK_EXPIRED = "Länken är för gammal. Be om en ny länk."

LIFETIMES = {
    ParticipantToken.Purpose.CONFIRM: timedelta(days=7),
    ParticipantToken.Purpose.MANAGE: timedelta(hours=24),
    ParticipantToken.Purpose.INVITE: timedelta(days=30),
}


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def participant_token_issue(*, participant, purpose: str) -> str:
    token = secrets.token_urlsafe(32)
    ParticipantToken.objects.create(
        participant=participant,
        purpose=purpose,
        token_hash=_hash(token),
        expires_at=timezone.now() + LIFETIMES[purpose],
    )
    return token


def participant_token_redeem(*, token: str, purpose: str):
    """The participant a token belongs to; the token is spent."""
    with transaction.atomic():
        record = (
            ParticipantToken.objects.select_for_update()
            .select_related("participant")
            .filter(token_hash=_hash(token or ""), purpose=purpose)
            .first()
        )
        if record is None:
            raise ApplicationError(LINK_INVALID)
        if record.used_at is not None:
            raise ApplicationError(LINK_USED)
        if record.expires_at <= timezone.now():
            raise ApplicationError(LINK_EXPIRED)
        record.used_at = timezone.now()
        record.save(update_fields=["used_at"])
    return record.participant
