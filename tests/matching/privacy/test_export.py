"""The export is everything stored about the person: every row of every table that
holds their id appears in it, so a new table that stores a person's id without
being exported fails here."""

import json
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.utils import timezone

from matching.events.services import event_rsvp
from matching.matches.lifecycle import followup_answer, match_confirm, meeting_log
from matching.models import (
    AccessLogEntry,
    Event,
    EventRsvp,
    FollowUp,
    ForbiddenPair,
    Match,
    Message,
    Participant,
    ParticipantToken,
    Referral,
    ReportFacts,
    StaffNote,
)
from matching.participants.access_log import participant_access_log
from matching.participants.report_facts import report_facts_record
from matching.participants.tokens import participant_token_issue
from matching.privacy.export import participant_export
from matching.roles import COORDINATORS
from tenants.models import Tenant
from tests.conftest import ALPHA_HOST, BETA_HOST
from tests.factories import StaffUserFactory
from tests.matching.factories import MatchFactory, ParticipantFactory


def _ids(rows) -> set:
    return {row["id"] for row in rows}


# Where each table that holds a participant's id appears in the export.
SECTIONS = {
    Match: lambda export: _ids(export["matches"]),
    FollowUp: lambda export: _ids(export["followups"]),
    EventRsvp: lambda export: _ids(export["rsvps"]),
    Referral: lambda export: (
        {export["referral"]["id"]} if export["referral"] else set()
    ),
    StaffNote: lambda export: _ids(export["staff_notes"]),
    ForbiddenPair: lambda export: _ids(export["not_to_be_matched_with"]),
    ParticipantToken: lambda export: _ids(export["links"]),
    Message: lambda export: _ids(export["messages"]),
    AccessLogEntry: lambda export: _ids(export["opened_by_staff"]),
    ReportFacts: lambda export: _ids(export["facts_at_entry"]),
}


def _relations_to_participant() -> list[tuple]:
    """(model, field name) for every field in any installed model that points at
    a Participant: reverse relations, hidden ones ("+") included."""
    found = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if (
                getattr(field, "concrete", False)
                and field.is_relation
                and field.related_model is Participant
            ):
                found.append((model, field.name))
    return found


@pytest.fixture
def amina(kvinna):
    amina = ParticipantFactory(program=kvinna, side_key="a", first_name="Amina")
    sara = ParticipantFactory(
        program=kvinna, side_key="b", first_name="Sara", last_name="Lind"
    )
    karin = ParticipantFactory(program=kvinna, side_key="b", first_name="Karin")
    report_facts_record(amina)
    match = MatchFactory(
        program=kvinna, participant_a=amina, participant_b=sara, published_days_ago=31
    )
    match_confirm(match=match, participant=amina)
    meeting_log(
        match=match, participant=sara, happened_on=timezone.localdate(), note="Fika"
    )
    Match.objects.filter(pk=match.pk).update(first_followup_sent_at=timezone.now())
    followup_answer(
        match=match, participant=amina, kind="first_month", rating=5, comment="Bra"
    )
    followup_answer(
        match=match, participant=sara, kind="first_month", rating=2, comment="Svårt"
    )
    event = Event.objects.create(
        program=kvinna,
        title="Nätverksträff",
        starts_at=timezone.now() + timedelta(days=3),
        ends_at=timezone.now() + timedelta(days=3, hours=2),
    )
    event_rsvp(event=event, participant=amina, attending=True)
    user = StaffUserFactory(username="samordnare", group=COORDINATORS)
    Referral.objects.create(
        participant=amina, referrer=user, organisation="Arbetsförmedlingen", note="N"
    )
    StaffNote.objects.create(participant=amina, author=user, body="Ringde")
    participant_access_log(
        user=user, view=AccessLogEntry.View.PARTICIPANT_INSPECT, participants=[amina]
    )
    ForbiddenPair.objects.create(
        program=kvinna, participant_a=amina, participant_b=karin, reason="Grannar"
    )
    participant_token_issue(participant=amina, purpose="manage")
    amina.email_opt_out = True
    amina.save()
    return amina


def test_every_row_that_holds_the_persons_id_is_in_the_export(amina):
    export = participant_export(participant=amina)

    relations = _relations_to_participant()
    assert {model for model, _ in relations} == set(SECTIONS), (
        "a table stores a participant's id: export it in participant_export and "
        "name its section in SECTIONS"
    )
    for model in SECTIONS:
        stored = set()
        for field in (name for related, name in relations if related is model):
            stored |= set(
                model.objects.filter(**{field: amina}).values_list("pk", flat=True)
            )
        assert stored, f"the fixture stores no {model.__name__}: it proves nothing"
        assert stored <= SECTIONS[model](export), model.__name__
    exported_meetings = {
        meeting["id"] for match in export["matches"] for meeting in match["meetings"]
    }
    assert exported_meetings == set(
        Match.objects.get(participant_a=amina).meetings.values_list("pk", flat=True)
    )


def test_the_export_holds_profile_consent_channels_and_messages(amina):
    export = participant_export(participant=amina)

    assert export["email"] == "amina@example.se"
    assert export["phone"] == "+46701234567"
    assert export["answers"] == amina.answers
    assert export["consent"]["text"] == "Syfte: test"
    assert export["consent"]["given_at"] == amina.consent_given_at.isoformat()
    assert export["channels"] == {"email": False, "sms": True}
    assert export["referral"]["organisation"] == "Arbetsförmedlingen"
    assert export["rsvps"][0]["answer"] == "yes"
    sent = Message.objects.get(
        participant=amina, channel="email", template_key="match_published"
    )
    [exported] = [m for m in export["messages"] if m["id"] == sent.pk]
    assert {
        "channel": "email",
        "subject": sent.subject,
        "body": sent.body,
        "status": sent.status,
        "created_at": sent.created_at.isoformat(),
    }.items() <= exported.items()
    assert "Amina" in exported["body"]
    [match] = export["matches"]
    assert match["partner"] == "Sara"
    assert match["meetings"][0]["logged_by"] == "partner"
    # Her own follow-up, not her partner's.
    assert [f["comment"] for f in export["followups"]] == ["Bra"]
    # The partner is named by first name only (the messages she was sent are hers
    # as they were sent, the partner's contact details included).
    text = json.dumps({**export, "messages": []}, ensure_ascii=False)
    assert "Lind" not in text and "sara@example.se" not in text
    assert "+46709876543" not in text and "Svårt" not in text


def test_the_export_is_a_download_on_the_persons_own_host_only(amina):
    browser = Client()
    token = participant_token_issue(participant=amina, purpose="manage")
    browser.get(f"/deltagare/oppna/{token}/", HTTP_HOST=ALPHA_HOST)

    own = browser.get("/deltagare/mina-uppgifter.json", HTTP_HOST=ALPHA_HOST)
    assert own.status_code == 200
    assert json.loads(own.content)["email"] == "amina@example.se"
    assert "attachment" in own["Content-Disposition"]

    other = browser.get("/deltagare/mina-uppgifter.json", HTTP_HOST=BETA_HOST)
    assert other.status_code == 302
    assert other["Location"] == "/deltagare/ny-lank/"
    assert b"amina" not in other.content
    connection.set_tenant(Tenant.objects.get(slug="alpha"))
