"""Retention, second part: a person whose part in the program ended longer ago
than their retention is anonymised by the daily run; their partner's history and
the counts reports rest on stay; a held person is kept; a shorter rule reaches
people promised longer only when an administrator says so; a hold set at the
moment the job runs wins, and two runs anonymise once."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.forms.models import model_to_dict
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from config.errors import ApplicationError
from matching.models import (
    Match,
    Meeting,
    Message,
    Participant,
    Program,
    RetentionLogEntry,
)
from matching.privacy.retention import retention_run
from matching.privacy.retention_due import retention_due_by_program
from matching.privacy.retention_holds import (
    HOLD_ON_ERASED,
    HOLD_REASON_NEEDED,
    retention_hold,
    retention_release,
)
from matching.privacy.retention_rules import retention_rule_set
from tests.matching.committed import committed_program, together, told
from tests.matching.factories import MatchFactory, ParticipantFactory
from tests.matching.privacy.stories import ended_pair, months_ago, withdrawn

DECIDED = date(2026, 1, 15)


def test_a_person_past_retention_is_anonymised_and_the_partner_keeps_history(kvinna):
    kvinna.retention_months = 12
    kvinna.save()
    amina, sara, match = ended_pair(kvinna, months=13)
    # Sara's consent promised two years: she stays, and so does her history.
    Participant.objects.filter(pk=sara.pk).update(retention_months=24)
    ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Participant),
        object_id=str(amina.pk),
        label="Amina Said",
        action="wagtail.edit",
        timestamp=timezone.now(),
        data={"first_name": "Amina"},
    )
    sara.refresh_from_db()
    sara_before = model_to_dict(sara)
    counts_before = (
        Participant.objects.filter(program=kvinna).count(),
        Match.objects.filter(program=kvinna).count(),
        Meeting.objects.filter(match__program=kvinna).count(),
    )

    assert retention_run() == 1

    amina.refresh_from_db()
    assert amina.status == Participant.Status.ERASED
    assert amina.erased_because == Participant.ErasedBecause.RETENTION
    assert (amina.first_name, amina.email, str(amina.phone), amina.answers) == (
        "",
        "",
        "",
        {},
    )
    assert amina.birth_date is None and amina.municipality == ""
    # What reports count stays: program, side, the times, the match, its meeting.
    assert (amina.program_id, amina.side_key, amina.confirmed_at is not None) == (
        kvinna.pk,
        "a",
        True,
    )
    assert counts_before == (
        Participant.objects.filter(program=kvinna).count(),
        Match.objects.filter(program=kvinna).count(),
        Meeting.objects.filter(match__program=kvinna).count(),
    )
    match.refresh_from_db()
    assert match.status == Match.Status.ENDED and match.end_reason == "Programmet slut"
    # Sara's row is as it was; her messages no longer name Amina or her number.
    sara.refresh_from_db()
    assert model_to_dict(sara) == sara_before
    told_sara = Message.objects.get(participant=sara, subject__startswith="Om")
    for trace in ("Amina", "Said", "0701234567"):
        assert trace not in told_sara.subject + told_sara.body
    assert "Hej Sara!" in told_sara.body
    # Amina's own outbox rows and the admin's history of her hold nothing.
    assert not Message.objects.filter(participant=amina).exclude(body="").exists()
    entry = ModelLogEntry.objects.get(object_id=str(amina.pk))
    assert entry.label == "raderad deltagare" and entry.data == {}
    log = RetentionLogEntry.objects.get(kind="anonymised")
    assert (log.program_id, log.count) == (kvinna.pk, 1)
    # A second run finds nobody more.
    assert retention_run() == 0


def test_who_is_due_follows_how_their_part_ended(kvinna):
    kvinna.retention_months = 6
    kvinna.save()
    gone = withdrawn(kvinna, months=7, first_name="Gone")
    recent = withdrawn(kvinna, months=5, first_name="Recent")
    unavailable = ParticipantFactory(program=kvinna, status="unavailable")
    Participant.objects.filter(pk=unavailable.pk).update(
        status_changed_at=months_ago(8)
    )
    # Queued for years in an open program: still in it.
    waiting = ParticipantFactory(program=kvinna, waited=900)
    Participant.objects.filter(pk=waiting.pk).update(
        created_at=months_ago(30), status_changed_at=months_ago(30)
    )
    # In an open match: still in it, however old.
    in_match_a = ParticipantFactory(program=kvinna, side_key="a")
    in_match_b = ParticipantFactory(program=kvinna, side_key="b")
    MatchFactory(
        program=kvinna,
        participant_a=in_match_a,
        participant_b=in_match_b,
        published_days_ago=800,
    )
    Participant.objects.filter(pk__in=[in_match_a.pk, in_match_b.pk]).update(
        status_changed_at=months_ago(26)
    )

    assert retention_run() == 2

    erased = set(
        Participant.objects.filter(status="erased").values_list("pk", flat=True)
    )
    assert erased == {gone.pk, unavailable.pk}
    assert recent.pk not in erased and waiting.pk not in erased


def test_people_still_queued_go_after_the_program_closed(kvinna):
    kvinna.retention_months = 3
    kvinna.save()
    waiting = ParticipantFactory(program=kvinna)
    Participant.objects.filter(pk=waiting.pk).update(status_changed_at=months_ago(9))
    kvinna.status = Program.Status.CLOSED
    kvinna.save(update_fields=["status"])
    kvinna.refresh_from_db()
    assert kvinna.closed_at is not None

    assert retention_run() == 0  # closed today: three months to go
    Program.objects.filter(pk=kvinna.pk).update(closed_at=months_ago(4))
    assert retention_run() == 1
    waiting.refresh_from_db()
    assert waiting.status == Participant.Status.ERASED
    # Opening again clears the moment of closing.
    kvinna.refresh_from_db()
    kvinna.status = Program.Status.OPEN
    kvinna.save()
    assert Program.objects.get(pk=kvinna.pk).closed_at is None


def test_a_held_person_is_kept_until_released(kvinna):
    from tests.factories import StaffUserFactory

    coordinator = StaffUserFactory(username="samordnare-h")
    kvinna.retention_months = 6
    kvinna.save()
    held = withdrawn(kvinna, months=7)

    with pytest.raises(ApplicationError) as refused:
        retention_hold(participant=held, reason="  ", user=coordinator)
    assert refused.value.message == str(HOLD_REASON_NEEDED)
    retention_hold(
        participant=held, reason="Ärende hos socialtjänsten", user=coordinator
    )
    assert retention_run() == 0
    held.refresh_from_db()
    assert held.status == Participant.Status.WITHDRAWN
    row = retention_due_by_program(now=timezone.now())
    assert {r["program"].pk: (r["due"], r["held_due"]) for r in row}[kvinna.pk] == (
        0,
        1,
    )

    retention_release(participant=held)
    assert retention_run() == 1
    held.refresh_from_db()
    assert held.status == Participant.Status.ERASED
    assert held.retention_hold_reason == "" and held.retention_held_by is None


def test_a_shorter_rule_keeps_the_promise_unless_the_admin_says_otherwise(kvinna):
    kvinna.retention_months = 12
    kvinna.save()
    promised = withdrawn(kvinna, months=8, retention_months=12)
    later = withdrawn(kvinna, months=8, retention_months=6)

    with pytest.raises(ApplicationError) as asked:
        retention_rule_set(
            program=kvinna, months=6, decision="KS 2026/14 § 3", decision_date=DECIDED
        )
    assert asked.value.extra["promised_longer"] == 1
    assert asked.value.message.startswith("1 person")
    assert Program.objects.get(pk=kvinna.pk).retention_months == 12  # nothing saved

    retention_rule_set(
        program=kvinna,
        months=6,
        decision="KS 2026/14 § 3",
        decision_date=DECIDED,
        apply_to_promised=False,
    )
    retention_run()
    assert Participant.objects.get(pk=promised.pk).status == "withdrawn"
    assert Participant.objects.get(pk=later.pk).status == "erased"

    change = retention_rule_set(
        program=kvinna,
        months=6,
        decision="KS 2026/14 § 3",
        decision_date=DECIDED,
        apply_to_promised=True,
    )
    assert change.applied_to_promised
    retention_run()
    assert Participant.objects.get(pk=promised.pk).status == "erased"
    history = ModelLogEntry.objects.filter(
        object_id=str(kvinna.pk), action="kompis.retention_rule"
    )
    assert history.count() == 2


@pytest.mark.parametrize(
    ("months", "decision", "decided", "field"),
    [
        (0, "Beslut", DECIDED, "months"),
        ("tolv", "Beslut", DECIDED, "months"),
        (12, "", DECIDED, "decision"),
        (12, "Beslut", None, "decision"),
        (12, "Beslut", date(2099, 1, 1), "decision_date"),
    ],
)
def test_a_rule_needs_months_and_a_decision(kvinna, months, decision, decided, field):
    with pytest.raises(ApplicationError) as refused:
        retention_rule_set(
            program=kvinna, months=months, decision=decision, decision_date=decided
        )
    assert refused.value.extra["field"] == field
    assert Program.objects.get(pk=kvinna.pk).retention_decision == ""


def test_registration_records_the_months_promised(kvinna):
    from matching.participants.registration import registration_submit
    from tests.matching.factories import registration_data

    kvinna.retention_months = 18
    kvinna.save()
    result = registration_submit(
        program=kvinna,
        side_key="a",
        data=registration_data(email="ny@example.se"),
        base_url="https://alpha.example",
    )
    assert result.participant.retention_months == 18
    assert "18" in result.participant.consent_text


def _both_languages(message) -> set[str]:
    return {_in(language, message) for language in ("en", "sv")}


def _in(language: str, message) -> str:
    with translation.override(language):
        return str(message)


@pytest.mark.slow
def test_a_hold_at_the_moment_the_job_runs_wins_or_finds_them_gone(
    django_db_blocker,
):
    """A coordinator holds someone while the nightly run reaches them: either the
    hold is set and the person kept, or the person is anonymised and the
    coordinator told so; never a hold on an anonymised row."""
    with committed_program(django_db_blocker, retention_months=6) as (alpha, program):
        person = withdrawn(program, months=7)

        results = told(
            together(
                alpha,
                lambda: retention_run(),
                lambda: retention_hold(
                    participant=person, reason="Öppet ärende", user=None
                ),
            )
        )

        person.refresh_from_db()
        if person.status == Participant.Status.ERASED:
            assert results[0] == 1 and person.retention_hold_reason == ""
            # Told in the worker thread's language (the site's default, Swedish).
            assert str(results[1]) in _both_languages(HOLD_ON_ERASED)
        else:
            assert results[0] == 0 and person.retention_hold_reason == "Öppet ärende"
        RetentionLogEntry.objects.filter(program=program).delete()


@pytest.mark.slow
def test_two_runs_at_the_same_moment_anonymise_once(django_db_blocker):
    with committed_program(django_db_blocker, retention_months=6) as (alpha, program):
        people = [withdrawn(program, months=7) for _ in range(3)]

        results = told(together(alpha, retention_run, retention_run))

        assert sum(results) == 3
        assert set(
            Participant.objects.filter(pk__in=[p.pk for p in people]).values_list(
                "status", flat=True
            )
        ) == {"erased"}
        logged = RetentionLogEntry.objects.get(program=program, kind="anonymised")
        assert logged.count == 3
        RetentionLogEntry.objects.filter(program=program).delete()
    connection.set_schema_to_public()
