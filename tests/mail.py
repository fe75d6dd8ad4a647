"""A local SMTP server for tests: what the application really sends, over SMTP."""

import re
import threading
import time
from email import message_from_bytes
from email.policy import default as default_policy

from tests.workers import free_port


class Mailbox:
    """Messages received by the local SMTP server, newest last."""

    def __init__(self):
        self.messages = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=default_policy)
        with self._lock:
            self.messages.append(message)
        return "250 OK"

    def wait_for(self, to: str, timeout: float = 15.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                found = [m for m in self.messages if to in m["To"]]
            if found:
                return found[-1]
            time.sleep(0.2)
        raise AssertionError(f"no e-mail to {to} within {timeout} s")

    def count(self, to: str) -> int:
        with self._lock:
            return sum(1 for m in self.messages if to in m["To"])

    @staticmethod
    def link(message, path: str) -> str:
        body = message.get_body(preferencelist=("plain",)).get_content()
        match = re.search(rf"https?://\S+{re.escape(path)}\S+/", body)
        assert match, body
        return match.group(0)


def mailbox_start():
    from aiosmtpd.controller import Controller

    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    box.port = controller.port
    box.controller = controller
    return box
