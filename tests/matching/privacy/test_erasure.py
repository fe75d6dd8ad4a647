"""Erasing a person removes their personal data everywhere in the tenant and keeps
what others own: the partner's match (shown with "raderad deltagare"), its
meetings, and the counts; the partner's own rows are untouched but for the
intended status change."""

from datetime import timedelta

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.test import Client
from django.utils import timezone
from django_tenants.utils import tenant_context

from config.errors import ApplicationError
from matching.events.services import event_rsvp
from matching.matches.lifecycle import followup_answer, match_confirm, meeting_log
from matching.models import (
    Event,
    EventRsvp,
    FollowUp,
    ForbiddenPair,
    Match,
    Meeting,
    Message,
    Participant,
    ParticipantToken,
    Referral,
    StaffNote,
)
from matching.participants.tokens import participant_token_issue
from matching.privacy.erasure import (
    ERASE_TWICE,
    ERASED_END_REASON,
    participant_erase,
)
from matching.roles import COORDINATORS
from tenants.models import Tenant
from tests.conftest import ALPHA_HOST, BETA_HOST
from tests.factories import StaffUserFactory, api_token, client_of
from tests.matching.committed import together, told
from tests.matching.factories import MatchFactory, ParticipantFactory


@pytest.fixture
def story(kvinna):
    """Amina (adept) and Sara (mentor) in an active match, with everything the
    platform stores around a person."""
    amina = ParticipantFactory(program=kvinna, side_key="a", first_name="Amina")
    sara = ParticipantFactory(program=kvinna, side_key="b", first_name="Sara")
    karin = ParticipantFactory(program=kvinna, side_key="b", first_name="Karin")
    leila = ParticipantFactory(program=kvinna, side_key="a", first_name="Leila")
    match = MatchFactory(
        program=kvinna, participant_a=amina, participant_b=sara, published_days_ago=31
    )
    match_confirm(match=match, participant=amina)
    match_confirm(match=match, participant=sara)
    today = timezone.localdate()
    meeting_log(
        match=match, participant=amina, happened_on=today, note="Fika, Amina bjöd"
    )
    meeting_log(match=match, participant=sara, happened_on=today, note="Promenad")
    Match.objects.filter(pk=match.pk).update(first_followup_sent_at=timezone.now())
    followup_answer(
        match=match,
        participant=amina,
        kind="first_month",
        rating=5,
        outcome="work",
        comment="Jag har fått jobb på Karolinska",
    )
    followup_answer(
        match=match, participant=sara, kind="first_month", rating=4, comment="Bra"
    )
    proposal = Match.objects.create(
        program=kvinna, participant_a=amina, participant_b=karin, score=1.0
    )
    event = Event.objects.create(
        program=kvinna,
        title="Nätverksträff",
        starts_at=timezone.now() + timedelta(days=5),
        ends_at=timezone.now() + timedelta(days=5, hours=2),
        capacity=1,
    )
    event_rsvp(event=event, participant=amina, attending=True)
    event_rsvp(event=event, participant=leila, attending=True)  # waiting list
    user = StaffUserFactory(username="samordnare", group=COORDINATORS)
    Referral.objects.create(
        participant=amina,
        referrer=user,
        organisation="Arbetsförmedlingen",
        note="Amina har svårt med svenskan",
    )
    StaffNote.objects.create(participant=amina, author=user, body="Ringde Amina")
    StaffNote.objects.create(participant=sara, author=user, body="Sara är mentor")
    ForbiddenPair.objects.create(
        program=kvinna, participant_a=amina, participant_b=karin, reason="Grannar"
    )
    return {
        "amina": amina,
        "sara": sara,
        "karin": karin,
        "leila": leila,
        "match": match,
        "proposal": proposal,
        "event": event,
        "user": user,
    }


def _rows_of(participant: Participant) -> dict:
    """What is stored of a person, to compare before and after."""
    return {
        "participant": model_to_dict(participant),
        "tokens": list(participant.tokens.values().order_by("pk")),
        "notes": list(participant.staff_notes.values().order_by("pk")),
        "followups": list(participant.followups.values().order_by("pk")),
        "rsvps": list(participant.rsvps.values().order_by("pk")),
        "messages": list(participant.messages.values().order_by("pk")),
    }


def test_erasing_removes_the_persons_data_everywhere(story):
    amina = story["amina"]
    message_ids = list(amina.messages.values_list("pk", flat=True))
    assert message_ids

    participant_erase(participant=amina)

    amina.refresh_from_db()
    assert amina.status == Participant.Status.ERASED and amina.erased_at
    assert str(amina) == "raderad deltagare"
    blanked = ("first_name", "last_name", "email", "phone", "gender")
    blanked += ("municipality", "consent_text", "language", "unavailable_reason")
    for field in blanked:
        assert getattr(amina, field) in ("", None), field
    assert amina.answers == {}
    assert amina.birth_date is None and amina.arrived_in_sweden_year is None
    assert amina.consent_given_at is None and amina.queued_at is None
    # What is kept: the program, the side, when they registered and confirmed.
    assert (amina.program_id, amina.side_key) == (story["match"].program_id, "a")
    assert amina.created_at and amina.confirmed_at

    assert not ParticipantToken.objects.filter(participant=amina).exists()
    assert not StaffNote.objects.filter(participant=amina).exists()
    assert not EventRsvp.objects.filter(participant=amina).exists()
    assert Referral.objects.get(participant=amina).note == ""
    assert FollowUp.objects.get(participant=amina).comment == ""
    for message in Message.objects.filter(pk__in=message_ids):
        assert (message.to, message.subject, message.body) == ("", "", "")
        assert message.status != Message.Status.QUEUED
    assert ForbiddenPair.objects.get(participant_a=amina).reason == ""
    match = Match.objects.get(pk=story["match"].pk)
    assert match.explanation == ""
    assert Meeting.objects.get(match=match, logged_by="a").note == ""

    # Nothing of hers is left in the tenant's tables, the partner's mail included.
    for value in ("amina@example.se", "+46701234567", "070-123 45 67", "Amina"):
        for message in Message.objects.all():
            assert value not in message.to + message.subject + message.body
        assert not Meeting.objects.filter(note__icontains=value).exists()
        assert not FollowUp.objects.filter(comment__icontains=value).exists()
    assert (
        "[raderad deltagare]"
        in Message.objects.filter(
            participant=story["sara"], template_key="match_published", channel="email"
        )
        .get()
        .body
    )


def test_the_partner_keeps_the_match_and_goes_back_to_the_queue(story):
    sara, match = story["sara"], story["match"]
    counts = {
        "matches": Match.objects.count(),
        "meetings": Meeting.objects.filter(match=match).count(),
        "side_a": Participant.objects.filter(side_key="a").count(),
        "side_b": Participant.objects.filter(side_key="b").count(),
    }
    before = _rows_of(sara)
    sara_meeting = Meeting.objects.get(match=match, logged_by="b")

    participant_erase(participant=story["amina"])

    match.refresh_from_db()
    assert match.status == Match.Status.ENDED
    assert match.end_reason == ERASED_END_REASON and match.ended_at
    assert Match.objects.get(pk=story["proposal"].pk).status == Match.Status.REJECTED
    # The counts still tell that a match was made and meetings were held.
    assert counts == {
        "matches": Match.objects.count(),
        "meetings": Meeting.objects.filter(match=match).count(),
        "side_a": Participant.objects.filter(side_key="a").count(),
        "side_b": Participant.objects.filter(side_key="b").count(),
    }
    assert Meeting.objects.get(pk=sara_meeting.pk).note == "Promenad"

    sara.refresh_from_db()
    after = _rows_of(sara)
    # Sara is back in the queue at her old place; nothing else of hers changed
    # except Amina's details blanked out of the mail Sara was sent.
    assert sara.status == Participant.Status.QUEUED
    changed = {
        key
        for key in before["participant"]
        if before["participant"][key] != after["participant"][key]
    }
    assert changed == {"status", "status_changed_at"}
    assert after["participant"]["queued_at"] == before["participant"]["queued_at"]
    for key in ("tokens", "notes", "followups", "rsvps"):
        assert before[key] == after[key], key
    for old, new in zip(before["messages"], after["messages"], strict=True):
        assert {k for k in old if old[k] != new[k]} <= {"subject", "body"}
        assert new["to"] == old["to"] and new["status"] == old["status"]


def test_a_freed_event_place_goes_to_the_waiting_list(story):
    participant_erase(participant=story["amina"])

    assert (
        EventRsvp.objects.get(participant=story["leila"]).answer == EventRsvp.Answer.YES
    )


def test_the_partner_and_staff_see_raderad_deltagare(story):
    sara, match = story["sara"], story["match"]
    participant_erase(participant=story["amina"])

    partner = Client()
    token = participant_token_issue(participant=sara, purpose="manage")
    partner.get(f"/deltagare/oppna/{token}/", HTTP_HOST=ALPHA_HOST)
    page = partner.get("/deltagare/", HTTP_HOST=ALPHA_HOST).content.decode()
    assert "Tidigare matchningar" in page
    assert "raderad deltagare" in page and ERASED_END_REASON in page

    staff = client_of(story["user"], ALPHA_HOST)
    for url in ("/admin/matches/", f"/admin/matches/inspect/{match.pk}/"):
        response = staff.get(url, HTTP_HOST=ALPHA_HOST)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "raderad deltagare" in body and "Amina" not in body
    registrations = staff.get("/admin/participants/", HTTP_HOST=ALPHA_HOST)
    assert "raderad deltagare" not in registrations.content.decode()


def test_the_staff_api_lists_the_erased_person_no_more(story):

    from matching.api.matches import MatchOutput

    participant_erase(participant=story["amina"])
    token = api_token(story["user"])

    listed = Client().get(
        "/api/v1/staff/participants/",
        HTTP_HOST=ALPHA_HOST,
        HTTP_AUTHORIZATION=f"Token {token}",
    )
    assert listed.status_code == 200
    ids = {row["id"] for row in listed.json()["results"]}
    assert story["amina"].pk not in ids and story["sara"].pk in ids
    assert MatchOutput(story["match"]).data["participant_a_name"] == (
        "raderad deltagare"
    )


def test_the_erased_person_cannot_come_back_through_an_old_session(story):
    amina = story["amina"]
    browser = Client()
    token = participant_token_issue(participant=amina, purpose="manage")
    browser.get(f"/deltagare/oppna/{token}/", HTTP_HOST=ALPHA_HOST)
    other_browser = Client()
    token = participant_token_issue(participant=amina, purpose="manage")
    other_browser.get(f"/deltagare/oppna/{token}/", HTTP_HOST=ALPHA_HOST)

    erased = browser.post(
        "/deltagare/radera/", {"confirm": "yes"}, HTTP_HOST=ALPHA_HOST
    )

    assert "Dina uppgifter är raderade" in erased.content.decode()
    assert Participant.objects.get(pk=amina.pk).status == Participant.Status.ERASED
    for client in (browser, other_browser):
        assert (
            client.get("/deltagare/", HTTP_HOST=ALPHA_HOST)["Location"]
            == "/deltagare/ny-lank/"
        )
    with pytest.raises(ApplicationError) as error:
        participant_erase(participant=amina)
    assert error.value.message == ERASE_TWICE


def test_staff_cannot_add_to_an_erased_person(story):
    from matching.participants.staff_notes import NOTE_ON_ERASED, staff_note_add

    erased = participant_erase(participant=story["amina"])
    staff = client_of(story["user"], ALPHA_HOST)

    response = staff.post(
        f"/admin/matchning/deltagare/{story['amina'].pk}/note/",
        {"body": "Amina ringde"},
        HTTP_HOST=ALPHA_HOST,
        follow=True,
    )

    assert str(NOTE_ON_ERASED) in response.content.decode()
    assert not StaffNote.objects.filter(participant=story["amina"]).exists()
    with pytest.raises(ApplicationError):
        staff_note_add(participant=erased, body="x", author=story["user"])


def test_delete_in_the_admin_erases_and_keeps_the_partners_match(story):
    """A coordinator asked by phone: "delete" in the admin erases the person; the
    partner's match stays."""
    staff = client_of(
        StaffUserFactory(username="samordnare-radera", group=COORDINATORS), ALPHA_HOST
    )
    url = f"/admin/participants/delete/{story['amina'].pk}/"
    assert "raderad deltagare" in staff.get(url, HTTP_HOST=ALPHA_HOST).content.decode()

    response = staff.post(url, HTTP_HOST=ALPHA_HOST)

    assert response.status_code == 302
    amina = Participant.objects.get(pk=story["amina"].pk)
    assert amina.status == Participant.Status.ERASED
    assert Match.objects.get(pk=story["match"].pk).status == Match.Status.ENDED
    again = staff.post(url, HTTP_HOST=ALPHA_HOST, follow=True)
    assert ERASE_TWICE in again.content.decode()


def test_the_same_address_can_register_again_after_erasure(story, kvinna):
    participant_erase(participant=story["amina"])

    again = ParticipantFactory(program=kvinna, side_key="a", first_name="Amina")

    assert again.email == "amina@example.se"


def test_beta_cannot_erase_alphas_participant(story):
    amina = story["amina"]
    browser = Client()
    token = participant_token_issue(participant=amina, purpose="manage")
    browser.get(f"/deltagare/oppna/{token}/", HTTP_HOST=ALPHA_HOST)

    response = browser.post(
        "/deltagare/radera/", {"confirm": "yes"}, HTTP_HOST=BETA_HOST
    )

    assert response.status_code == 302
    assert response["Location"] == "/deltagare/ny-lank/"
    connection.set_tenant(Tenant.objects.get(slug="alpha"))
    amina.refresh_from_db()
    assert amina.status == Participant.Status.MATCHED
    assert amina.email == "amina@example.se"


@pytest.fixture
def committed_pair(django_db_setup, django_db_blocker):
    """Amina and Sara in a published match, committed (for real concurrent
    transactions), removed afterwards."""
    from matching.programs.services import program_create_from_template

    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        alpha = Tenant.objects.get(slug="alpha")
        with tenant_context(alpha):
            program = program_create_from_template(template_key="kvinna", status="open")
            amina = ParticipantFactory(
                program=program, side_key="a", first_name="Amina"
            )
            sara = ParticipantFactory(program=program, side_key="b", first_name="Sara")
            match = MatchFactory(
                program=program,
                participant_a=amina,
                participant_b=sara,
                published_days_ago=31,
            )
        connection.set_schema_to_public()
        try:
            yield alpha, amina, sara, match
        finally:
            with tenant_context(alpha):
                Message.objects.filter(participant__program=program).delete()
                Meeting.objects.filter(match__program=program).delete()
                Match.objects.filter(program=program).delete()
                Participant.objects.filter(program=program).delete()
                program.delete()
            connection.set_schema_to_public()


def _at_once(alpha, *actions) -> list:
    """Each action in its own thread and connection, released together: "done" or
    the message of the ApplicationError it raised."""
    return told(together(alpha, *actions), done="done")


@pytest.mark.slow
def test_two_erasures_at_the_same_moment_erase_once(committed_pair):
    """A double click, in real concurrent transactions: one request erases, the
    other is told it is done; the partner is put back in the queue once."""
    alpha, amina, sara, match = committed_pair

    def erase():
        participant_erase(participant=amina)

    outcomes = _at_once(alpha, erase, erase)

    assert sorted(outcomes) == sorted(["done", ERASE_TWICE])
    with tenant_context(alpha):
        sara.refresh_from_db()
        assert sara.status == Participant.Status.QUEUED
        match.refresh_from_db()
        assert match.status == Match.Status.ENDED


@pytest.mark.slow
def test_both_partners_erasing_at_the_same_moment_both_succeed(committed_pair):
    alpha, amina, sara, match = committed_pair

    outcomes = _at_once(
        alpha,
        lambda: participant_erase(participant=amina),
        lambda: participant_erase(participant=sara),
    )

    assert outcomes == ["done", "done"]
    with tenant_context(alpha):
        statuses = set(
            Participant.objects.filter(pk__in=[amina.pk, sara.pk]).values_list(
                "status", flat=True
            )
        )
        assert statuses == {Participant.Status.ERASED}
        assert Match.objects.get(pk=match.pk).status == Match.Status.ENDED
