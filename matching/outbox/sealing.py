"""One-time links in the outbox are kept sealed: the stored body holds a marker
where each secret (a participant's token) was, the secrets themselves are
encrypted (Fernet, keyed from SECRET_KEY and its fallbacks) in `Message.sealed`,
and only sending opens them. Staff reading the outbox, and anyone reading a
backup without the key, cannot use a participant's link."""

import base64
import hashlib
import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

MARKER = "⟦{n}⟧"


def _fernet() -> MultiFernet:
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet(
        [
            Fernet(
                base64.urlsafe_b64encode(
                    hashlib.sha256(f"kompis-outbox:{key}".encode()).digest()
                )
            )
            for key in keys
        ]
    )


def seal(text: str, secrets: list[str]) -> tuple[str, str]:
    """`text` with each secret replaced by a marker, and the sealed secrets."""
    secrets = [secret for secret in secrets if secret]
    if not secrets:
        return text, ""
    for n, secret in enumerate(secrets):
        text = text.replace(secret, MARKER.format(n=n))
    sealed = _fernet().encrypt(json.dumps(secrets).encode()).decode()
    return text, sealed


def unseal(text: str, sealed: str) -> str:
    """The text as it is sent. A secret that can no longer be opened (the key
    was rotated without a fallback) leaves its marker: the link is dead, as an
    expired one would be."""
    if not sealed:
        return text
    try:
        secrets = json.loads(_fernet().decrypt(sealed.encode()))
    except (InvalidToken, ValueError):
        return text
    for n, secret in enumerate(secrets):
        text = text.replace(MARKER.format(n=n), secret)
    return text
