import threading
from datetime import date
from http.server import HTTPServer

import pytest
from django.test import override_settings

from tests.matching.sms_gateway import FakeGateway

TODAY = date(2026, 11, 22)


@pytest.fixture
def gateway():
    FakeGateway.received = []
    FakeGateway.failures = 0
    server = HTTPServer(("127.0.0.1", 0), FakeGateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}/a1/sms"
    with override_settings(
        SMS_API_URL=url, SMS_API_USERNAME="u123", SMS_API_PASSWORD="secret"
    ):
        yield FakeGateway
    server.shutdown()
