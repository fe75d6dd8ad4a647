"""A matched participant sees their match, confirms, logs meetings, answers RSVPs and
downloads calendar files; another tenant's host shows none of it."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from matching.events.services import event_rsvp
from matching.matches.review import matches_publish
from matching.models import Event, EventRsvp, Match
from tests.conftest import ALPHA_HOST, BETA_HOST
from tests.matching.factories import ParticipantFactory, match_run_now
from tests.matching.inbox import link_in_last_message


def _published(kvinna, django_capture_on_commit_callbacks):
    amina = ParticipantFactory(
        program=kvinna, side_key="a", first_name="Amina", waited=1
    )
    sara = ParticipantFactory(program=kvinna, side_key="b", first_name="Sara", waited=1)
    match_run_now(kvinna, django_capture_on_commit_callbacks)
    matches_publish(program=kvinna, base_url="http://alpha.localhost")
    return amina, sara


def test_the_match_page_confirm_and_meetings(
    kvinna, django_capture_on_commit_callbacks
):
    amina, sara = _published(kvinna, django_capture_on_commit_callbacks)
    browser = Client()
    browser.get(
        link_in_last_message(amina.email, "/deltagare/oppna/"), HTTP_HOST=ALPHA_HOST
    )

    page = browser.get("/deltagare/", HTTP_HOST=ALPHA_HOST).content.decode()
    assert "Du är matchad med <strong>Sara</strong>" in page
    assert "0 av 3 träffar, 6 månader kvar" in page

    browser.post("/deltagare/matchning/bekrafta/", HTTP_HOST=ALPHA_HOST)
    response = browser.post(
        "/deltagare/matchning/traff/",
        {"happened_on": timezone.localdate().isoformat(), "note": "Promenad"},
        HTTP_HOST=ALPHA_HOST,
    )
    assert response.status_code == 302
    assert (
        browser.post(
            "/deltagare/matchning/traff/", {"happened_on": "igår"}, HTTP_HOST=ALPHA_HOST
        ).status_code
        == 400
    )
    page = browser.get("/deltagare/", HTTP_HOST=ALPHA_HOST).content.decode()
    assert "1 av 3 träffar" in page and "Promenad" in page
    assert Match.objects.get().a_confirmed_at is not None


def test_rsvp_with_capacity_and_a_calendar_file(
    client, kvinna, django_capture_on_commit_callbacks
):
    amina, sara = _published(kvinna, django_capture_on_commit_callbacks)
    event = Event.objects.create(
        program=kvinna,
        title="Nätverksträff",
        starts_at=timezone.now() + timedelta(days=7),
        ends_at=timezone.now() + timedelta(days=7, hours=2),
        location="Nacka bibliotek",
        capacity=1,
    )
    assert event_rsvp(event=event, participant=amina, attending=True).answer == "yes"
    assert (
        event_rsvp(event=event, participant=sara, attending=True).answer == "waitlist"
    )
    event_rsvp(event=event, participant=amina, attending=False)
    assert EventRsvp.objects.get(participant=sara).answer == "yes"

    response = client.get(f"/evenemang/{event.pk}.ics", HTTP_HOST=ALPHA_HOST)
    calendar = Calendar.from_ical(response.content)
    entry = calendar.walk("VEVENT")[0]
    assert str(entry["summary"]) == "Nätverksträff – Kv(in)na"
    assert str(entry["location"]) == "Nacka bibliotek"
    assert (
        client.get(f"/evenemang/{event.pk}.ics", HTTP_HOST=BETA_HOST).status_code == 404
    )


def test_event_reminders_go_once_to_those_coming(
    kvinna, django_capture_on_commit_callbacks
):
    from matching.events.services import event_reminders_send
    from matching.models import Message

    amina, sara = _published(kvinna, django_capture_on_commit_callbacks)
    event = Event.objects.create(
        program=kvinna,
        title="Kickoff",
        starts_at=timezone.now() + timedelta(days=1),
        ends_at=timezone.now() + timedelta(days=1, hours=1),
    )
    event_rsvp(event=event, participant=amina, attending=True)
    event_rsvp(event=event, participant=sara, attending=False)

    assert event_reminders_send(base_url="http://alpha.localhost") == 1
    assert event_reminders_send(base_url="http://alpha.localhost") == 0
    reminder = Message.objects.get(template_key="event_reminder")
    assert reminder.to == amina.email and "Kickoff" in reminder.subject
    assert f"/evenemang/{event.pk}.ics" in reminder.body
