"""One-time links for participants: only the hash is stored, each works once."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.one_time_tokens import (
    TokenRefusals,
    one_time_token_new,
    one_time_token_spend,
)
from matching.models import ParticipantToken

LINK_INVALID = _("The link does not work. Ask for a new link.")
LINK_USED = _("The link has already been used. Ask for a new link.")
LINK_EXPIRED = _("The link is too old. Ask for a new link.")
REFUSALS = TokenRefusals(invalid=LINK_INVALID, used=LINK_USED, expired=LINK_EXPIRED)

LIFETIMES = {
    ParticipantToken.Purpose.CONFIRM: timedelta(days=7),
    ParticipantToken.Purpose.MANAGE: timedelta(hours=24),
    ParticipantToken.Purpose.INVITE: timedelta(days=30),
}


def participant_token_issue(*, participant, purpose: str) -> str:
    token, token_hash = one_time_token_new()
    ParticipantToken.objects.create(
        participant=participant,
        purpose=purpose,
        token_hash=token_hash,
        expires_at=timezone.now() + LIFETIMES[purpose],
    )
    return token


def participant_token_redeem(*, token: str, purpose: str):
    """The participant a token belongs to; the token is spent."""
    with transaction.atomic():
        record = one_time_token_spend(
            ParticipantToken.objects.select_related("participant").filter(
                purpose=purpose
            ),
            token=token,
            refusals=REFUSALS,
        )
    return record.participant
