"""Everything stored about a participant, for them to download (GDPR art. 15, 20)."""

from django.db.models import Q

from matching.models import Participant, Referral, ReportFacts
from matching.participants.models import ERASED_NAME


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def partner_name(partner: Participant) -> str:
    """Partners are shown by first name only (or as erased)."""
    if partner.status == Participant.Status.ERASED:
        return ERASED_NAME
    return partner.first_name


def participant_export(*, participant: Participant) -> dict:
    """Everything stored about the participant, to download (GDPR art. 15 and 20).

    Every table that holds the person's id has a section here, each row with its
    id (tests/matching/privacy/test_export.py checks this against the models). Partners
    appear by first name only. Staff notes and the referrer's note are included:
    they are personal data about the person, and the admin says so where they
    are written.
    """

    from matching.models import EventRsvp, ForbiddenPair, Match

    program = participant.program
    matches = (
        Match.objects.filter(
            Q(participant_a=participant) | Q(participant_b=participant)
        )
        .select_related("participant_a", "participant_b", "session")
        .prefetch_related("meetings")
        .order_by("created_at", "pk")
    )
    referral = Referral.objects.filter(participant=participant).first()
    forbidden = ForbiddenPair.objects.filter(
        Q(participant_a=participant) | Q(participant_b=participant)
    ).select_related("participant_a", "participant_b")
    return {
        "id": participant.pk,
        "program": program.name,
        "side": participant.side_key,
        "status": participant.status,
        "first_name": participant.first_name,
        "last_name": participant.last_name,
        "email": participant.email,
        "phone": str(participant.phone) if participant.phone else "",
        "gender": participant.gender,
        "birth_date": _iso(participant.birth_date),
        "municipality": participant.municipality,
        "arrived_in_sweden_year": participant.arrived_in_sweden_year,
        "answers": participant.answers,
        "language": participant.language,
        "channels": {
            "email": not participant.email_opt_out,
            "sms": not participant.sms_opt_out,
        },
        "consent": {
            "text": participant.consent_text,
            "given_at": _iso(participant.consent_given_at),
        },
        "registered_at": _iso(participant.created_at),
        "confirmed_at": _iso(participant.confirmed_at),
        "queued_at": _iso(participant.queued_at),
        "status_changed_at": _iso(participant.status_changed_at),
        "unavailable_reason": participant.unavailable_reason,
        "matches": [
            {
                "id": match.pk,
                "partner": partner_name(match.partner_of(participant)),
                "status": match.status,
                "session": match.session.title if match.session_id else None,
                "created_at": _iso(match.created_at),
                "published_at": _iso(match.published_at),
                "confirmed_at": _iso(
                    getattr(match, f"{match.side_of(participant)}_confirmed_at")
                ),
                "kickoff_at": _iso(match.kickoff_at),
                "ended_at": _iso(match.ended_at),
                "end_reason": match.end_reason,
                "explanation": match.explanation,
                "meetings": [
                    {
                        "id": meeting.pk,
                        "happened_on": _iso(meeting.happened_on),
                        "note": meeting.note,
                        "logged_by": (
                            "me"
                            if meeting.logged_by == match.side_of(participant)
                            else meeting.logged_by
                            if meeting.logged_by == "staff"
                            else "partner"
                        ),
                    }
                    for meeting in match.meetings.all()
                ],
            }
            for match in matches
        ],
        "followups": [
            {
                "id": followup.pk,
                "match": followup.match_id,
                "kind": followup.kind,
                "rating": followup.rating,
                "outcome": followup.outcome,
                "comment": followup.comment,
                "told_by_phone": bool(followup.recorded_by),
                "created_at": _iso(followup.created_at),
            }
            for followup in participant.followups.order_by("created_at", "pk")
        ],
        "rsvps": [
            {
                "id": rsvp.pk,
                "event": rsvp.event.title,
                "starts_at": _iso(rsvp.event.starts_at),
                "answer": rsvp.answer,
                "updated_at": _iso(rsvp.updated_at),
            }
            for rsvp in EventRsvp.objects.filter(participant=participant)
            .select_related("event")
            .order_by("event__starts_at", "pk")
        ],
        "referral": (
            {
                "id": referral.pk,
                "organisation": referral.organisation,
                "note": referral.note,
                "created_at": _iso(referral.created_at),
            }
            if referral is not None
            else None
        ),
        "staff_notes": [
            {"id": note.pk, "body": note.body, "created_at": _iso(note.created_at)}
            for note in participant.staff_notes.order_by("created_at", "pk")
        ],
        "not_to_be_matched_with": [
            {
                "id": pair.pk,
                "partner": partner_name(
                    pair.participant_b
                    if pair.participant_a_id == participant.pk
                    else pair.participant_a
                ),
                "reason": pair.reason,
                "created_at": _iso(pair.created_at),
            }
            for pair in forbidden
        ],
        "links": [
            {
                "id": token.pk,
                "purpose": token.purpose,
                "created_at": _iso(token.created_at),
                "expires_at": _iso(token.expires_at),
                "used_at": _iso(token.used_at),
            }
            for token in participant.tokens.order_by("created_at", "pk")
        ],
        "messages": [
            {
                "id": message.pk,
                "channel": message.channel,
                "kind": message.template_key,
                "to": message.to,
                "subject": message.subject,
                "body": message.body,
                "status": message.status,
                "created_at": _iso(message.created_at),
                "sent_at": _iso(message.sent_at),
            }
            for message in participant.messages.order_by("created_at", "pk")
        ],
        # What reports count about them, as it was when they entered.
        "facts_at_entry": [
            {
                "id": facts.pk,
                "entered_on": _iso(facts.entered_on),
                "gender": facts.gender,
                "age_band": facts.age_band,
                "municipality": facts.municipality,
                "years_in_sweden": facts.years_in_sweden,
                "employment": facts.employment,
                "education": facts.education,
            }
            for facts in ReportFacts.objects.filter(participant=participant)
        ],
        # When staff opened the person's data, and where; which staff member is
        # the employer's record (the tenant's admins read it), not the person's.
        "opened_by_staff": [
            {
                "id": entry.pk,
                "at": _iso(entry.at),
                "view": entry.get_view_display(),
            }
            for entry in participant.access_log_entries.order_by("at", "pk")
        ],
    }
