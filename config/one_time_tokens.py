"""One-time links, for participants (confirm, manage, invitation) and for the
operator's support sign-in: the token travels once, in the link; only its SHA-256
is stored; spending it locks the row, so two clicks at the same moment spend it
once, and an unknown, used or expired token is refused with the caller's words.

Rows that hold a token have `token_hash`, `expires_at` and `used_at`."""

import hashlib
import secrets
from dataclasses import dataclass

from django.db import models
from django.utils import timezone

from config.errors import ApplicationError


@dataclass(frozen=True)
class TokenRefusals:
    """What the person is told for each way a link can fail."""

    invalid: str
    used: str
    expired: str


def one_time_token_hash(token: str) -> str:
    return hashlib.sha256((token or "").encode()).hexdigest()


def one_time_token_new() -> tuple[str, str]:
    """A fresh token and the hash to store for it."""
    token = secrets.token_urlsafe(32)
    return token, one_time_token_hash(token)


def one_time_token_spend(
    rows: models.QuerySet, *, token: str, refusals: TokenRefusals
) -> models.Model:
    """The row among `rows` that `token` belongs to, now marked used. Call it in a
    transaction: the row stays locked until it ends."""
    row = rows.select_for_update().filter(token_hash=one_time_token_hash(token)).first()
    if row is None:
        raise ApplicationError(refusals.invalid)
    if row.used_at is not None:
        raise ApplicationError(refusals.used)
    now = timezone.now()
    if row.expires_at <= now:
        raise ApplicationError(refusals.expired)
    row.used_at = now
    row.save(update_fields=["used_at"])
    return row
