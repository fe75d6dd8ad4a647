import re
from datetime import date

import pytest
from django_tenants.utils import tenant_context

from matching.models import Message, Program
from matching.programs.services import program_create_from_template


@pytest.fixture
def kvinna(alpha) -> Program:
    """Kv(in)na, open, in tenant alpha; the test runs with alpha's schema active."""
    with tenant_context(alpha):
        yield program_create_from_template(template_key="kvinna", status="open")


def adept_data(**overrides) -> dict:
    data = {
        "first_name": "Amina",
        "last_name": "Hassan",
        "email": "amina@example.se",
        "phone": "070-123 45 67",
        "gender": "woman",
        "birth_date": "1995-04-12",
        "municipality": "0182",
        "arrived_in_sweden_year": "2021",
        "answers": {
            "field": "health",
            "interests": ["cooking", "books"],
            "availability": ["weekday_evening"],
            "languages": "arabiska, svenska",
        },
        "consent": True,
    }
    data.update(overrides)
    return data


def link_in_last_message(to: str, path: str) -> str:
    """The one-time link in the newest outbox message to `to` (the outbox is what
    is sent; reading it avoids depending on the worker in these tests)."""
    message = Message.objects.filter(to=to).order_by("-pk").first()
    assert message is not None, f"no message to {to}"
    match = re.search(rf"https?://[^/\s]+({re.escape(path)}[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


TODAY = date(2026, 11, 22)
