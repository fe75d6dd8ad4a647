import threading
from datetime import date
from http.server import HTTPServer

import pytest
from django.test import override_settings
from django_tenants.utils import tenant_context

from matching.models import Program
from matching.programs.services import program_create_from_template
from tests.matching.sms_gateway import FakeGateway


@pytest.fixture
def kvinna(alpha) -> Program:
    """Kv(in)na, open, in tenant alpha; the test runs with alpha's schema active."""
    with tenant_context(alpha):
        yield program_create_from_template(template_key="kvinna", status="open")


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
