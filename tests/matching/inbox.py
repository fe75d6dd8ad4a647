"""Reading what the outbox sent, as a person reads their inbox."""

import re

from matching.models import Message
from matching.outbox.sealing import unseal


def link_in_last_message(to: str, path: str) -> str:
    """The one-time link in the newest outbox message to `to` (the outbox is what
    is sent; reading it avoids depending on the worker in these tests)."""
    message = Message.objects.filter(to=to).order_by("-pk").first()
    assert message is not None, f"no message to {to}"
    body = unseal(message.body, message.sealed)  # as it is sent
    match = re.search(rf"https?://[^/\s]+({re.escape(path)}[^\s]+/)", body)
    assert match, message.body
    return match.group(1)
