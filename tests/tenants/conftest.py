"""Billing tests talk to a local stand-in for Stripe (tests/fake_stripe.py)."""

import pytest

from tests.fake_access_point import FakeAccessPoint
from tests.fake_stripe import API_KEY, WEBHOOK_SECRET, FakeStripe


@pytest.fixture(scope="session")
def fake_stripe():
    server = FakeStripe().start()
    yield server
    server.stop()


@pytest.fixture
def stripe_settings(settings, fake_stripe):
    """Billing configured against the stand-in, which starts empty."""
    settings.STRIPE_SECRET_KEY = API_KEY
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = fake_stripe.url
    fake_stripe.objects.clear()
    fake_stripe.portal_sessions.clear()
    fake_stripe.idempotent.clear()
    return fake_stripe


@pytest.fixture(scope="session")
def access_point():
    """A local stand-in for the Peppol access point's HTTP API."""
    server = FakeAccessPoint().start()
    yield server
    server.stop()
