"""The daily job: meeting reminders and follow-ups for matches that need them."""

import logging
from datetime import date

from django.utils import timezone

from matching.models import (
    Match,
)
from matching.participants.notify import participant_notify

logger = logging.getLogger(__name__)


def match_reminders_send(*, base_url: str, today: date | None = None) -> int:
    """Beat job body for one tenant: meeting reminders and follow-up surveys."""
    today = today or timezone.localdate()
    now = timezone.now()
    sent = 0
    open_matches = Match.objects.filter(status__in=Match.OPEN_STATUSES).select_related(
        "program", "participant_a", "participant_b"
    )
    for match in open_matches:
        program = match.program
        published = (
            timezone.localdate(match.published_at) if match.published_at else today
        )
        last = (
            match.meetings.order_by("-happened_on")
            .values_list("happened_on", flat=True)
            .first()
        )
        quiet_days = (today - (last or published)).days
        reminded = timezone.localdate(match.reminded_at) if match.reminded_at else None
        if quiet_days >= program.reminder_after_days and (
            reminded is None or (today - reminded).days >= program.reminder_after_days
        ):
            for person in (match.participant_a, match.participant_b):
                participant_notify(
                    participant=person,
                    key="meeting_reminder",
                    context={},
                    base_url=base_url,
                )
            match.reminded_at = now
            match.save(update_fields=["reminded_at"])
            sent += 2
        due = []
        if match.first_followup_sent_at is None and (today - published).days >= 30:
            due.append("first_followup_sent_at")
        if (
            match.final_followup_sent_at is None
            and program.commitment_months
            and (today - published).days >= program.commitment_months * 30
        ):
            due.append("final_followup_sent_at")
        for field in due:
            for person, partner in (
                (match.participant_a, match.participant_b),
                (match.participant_b, match.participant_a),
            ):
                participant_notify(
                    participant=person,
                    key="followup",
                    context={"partner_first_name": partner.first_name},
                    base_url=base_url,
                )
                sent += 1
            setattr(match, field, now)
            match.save(update_fields=[field])
    return sent
