"""Erasing a participant (GDPR art. 17) without damaging anyone else's data.
The retention job anonymises through the same function (issue 15)."""

import re
from collections.abc import Callable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from config.errors import ApplicationError
from matching.models import Participant, Referral
from matching.participants.models import ERASED_NAME

ERASED_END_REASON = "Deltagaren har raderat sina uppgifter"
RETENTION_END_REASON = "Uppgifterna gallrades efter lagringstiden"
ERASE_TWICE = "Uppgifterna är redan raderade."


def _needles(participant: Participant) -> list[re.Pattern]:
    """What names the person in others' texts: e-mail, full name, first name,
    and the phone number however it was written (+46 70…, 070-…, 0701…). Not the
    last name alone: a partner may share it, and their own name stays theirs."""
    words = [
        participant.email,
        f"{participant.first_name} {participant.last_name}".strip(),
        participant.first_name,
    ]
    patterns = [
        re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
        for word in words
        if word and len(word) >= 2
    ]
    if participant.phone:
        digits = str(participant.phone.national_number)
        spaced = r"[\s\-]*".join(digits)
        code = str(participant.phone.country_code)
        patterns.append(
            re.compile(rf"(?<!\d)(?:(?:\+|00){code}[\s\-]*|0[\s\-]*){spaced}(?!\d)")
        )
    return patterns


def _redact(text: str, needles: list[re.Pattern]) -> str:
    """`text` with each needle (a name, an address, a number) replaced where it
    stands as a whole word."""
    for needle in needles:
        text = needle.sub(f"[{ERASED_NAME}]", text)
    return text


def participant_erase(
    *,
    participant: Participant,
    because: str = Participant.ErasedBecause.REQUEST,
    only_if: Callable[[Participant], bool] | None = None,
) -> Participant | None:
    """Erase the participant's personal data (GDPR art. 17), keeping what others
    own and the anonymous facts that counts rest on.

    The row stays, anonymised, with status `erased`, so that the partner's match,
    its meetings and the program's counts survive. Kept: program, side, the
    registration and confirmation times, the erasure time, and ids that others'
    rows point at. Blanked: names, e-mail, phone, gender, birth date,
    municipality, year of arrival, answers, language, consent text and time,
    reasons. Removed: one-time links, staff notes, RSVPs (a freed place goes to
    the first on the waiting list). Blanked in place: the person's outbox rows
    (address, subject, body; unsent ones are skipped), the referral's note, their
    follow-up comments and the meeting notes they wrote, the match explanations
    (they quote the person's answers), reasons for never pairing them again, and
    their name and contact details in messages to their partners.

    Open matches end with ERASED_END_REASON; a partner who has no other open match
    goes back to the queue at their old place. Open proposals are rejected. The
    labels of the admin's history entries about the person and their matches lose
    the name too.

    `only_if` is asked with the person's row locked (the retention job: still due,
    not held); when it says no, nothing changes and None is returned.
    """

    from matching.models import FollowUp, ForbiddenPair, Match, Meeting, Message

    now = timezone.now()
    mine = Q(participant_a=participant) | Q(participant_b=participant)
    with transaction.atomic():
        # Lock the person and their partners in one order (by id), so that two
        # partners erasing themselves at the same moment wait, not deadlock.
        partner_ids = set()
        for a_id, b_id in Match.objects.filter(mine).values_list(
            "participant_a_id", "participant_b_id"
        ):
            partner_ids.update({a_id, b_id})
        locked = {
            person.pk: person
            for person in Participant.objects.select_for_update()
            .filter(pk__in=partner_ids | {participant.pk})
            .order_by("pk")
        }
        participant = locked[participant.pk]
        if participant.status == Participant.Status.ERASED:
            raise ApplicationError(ERASE_TWICE)
        if only_if is not None and not only_if(participant):
            return None
        needles = _needles(participant)
        matches = list(
            Match.objects.select_for_update()
            .filter(mine)
            .select_related("participant_a", "participant_b")
        )
        partners = {match.partner_of(participant) for match in matches}
        # Only a partner whose open match this ends may go back to the queue; one
        # whose match ended long ago stays as the coordinator left them.
        left_alone = set()
        for match in matches:
            side = match.side_of(participant)
            if match.status == Match.Status.PROPOSED:
                match.status = Match.Status.REJECTED
            elif match.status in Match.OPEN_STATUSES:
                left_alone.add(match.partner_of(participant))
                match.status = Match.Status.ENDED
                match.ended_at = now
                match.end_reason = (
                    RETENTION_END_REASON
                    if because == Participant.ErasedBecause.RETENTION
                    else ERASED_END_REASON
                )
            match.explanation = ""
            match.save(
                update_fields=["status", "ended_at", "end_reason", "explanation"]
            )
            Meeting.objects.filter(match=match, logged_by=side).update(note="")
        for partner in left_alone:
            _partner_after_erasure(partner, now)
        ForbiddenPair.objects.filter(mine).update(reason="")
        FollowUp.objects.filter(participant=participant).update(comment="")
        Referral.objects.filter(participant=participant).update(note="", first_name="")
        participant.tokens.all().delete()
        participant.staff_notes.all().delete()
        _rsvps_remove(participant)
        participant.messages.filter(
            status__in=[Message.Status.QUEUED, Message.Status.SENDING]
        ).update(status=Message.Status.SKIPPED, claimed_until=None)
        participant.messages.update(to="", subject="", body="", sealed="")
        for message in Message.objects.filter(participant__in=partners):
            subject = _redact(message.subject, needles)
            body = _redact(message.body, needles)
            if (subject, body) != (message.subject, message.body):
                Message.objects.filter(pk=message.pk).update(subject=subject, body=body)
        _history_labels_redact(participant, matches, needles)
        for field in (
            "first_name",
            "last_name",
            "email",
            "phone",
            "gender",
            "municipality",
            "consent_text",
            "unavailable_reason",
            "language",
            "retention_hold_reason",
        ):
            setattr(participant, field, "")
        participant.answers = {}
        participant.birth_date = None
        participant.arrived_in_sweden_year = None
        participant.consent_given_at = None
        participant.queued_at = None
        participant.email_opt_out = True
        participant.sms_opt_out = True
        participant.retention_held_at = None
        participant.retention_held_by = None
        participant.status = Participant.Status.ERASED
        participant.status_changed_at = now
        participant.erased_at = now
        participant.erased_because = because
        participant.save()
    return participant


def _history_labels_redact(participant: Participant, matches, needles) -> None:
    """Wagtail's history keeps each edited object's name as it was ("Amina Said",
    "Amina Said & Sara Berg"): the person's entries lose their data, their matches'
    entries the name."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    from matching.models import Match

    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Participant),
        object_id=str(participant.pk),
    ).update(label=ERASED_NAME, data={})
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Match),
        object_id__in=[str(match.pk) for match in matches],
    )
    for entry in entries:
        label = _redact(entry.label, needles)
        if label != entry.label:
            ModelLogEntry.objects.filter(pk=entry.pk).update(label=label)


def _partner_after_erasure(partner: Participant, now) -> None:
    """A matched partner left with no open match goes back to the queue, at the
    place they had: losing a partner to an erasure is not their doing."""

    from matching.models import Match

    partner = Participant.objects.select_for_update().get(pk=partner.pk)
    if partner.status != Participant.Status.MATCHED:
        return
    still_open = Match.objects.filter(
        Q(participant_a=partner) | Q(participant_b=partner),
        status__in=Match.OPEN_STATUSES,
    ).exists()
    if still_open:
        return
    partner.status = Participant.Status.QUEUED
    partner.queued_at = partner.queued_at or now
    partner.status_changed_at = now
    partner.save(
        update_fields=["status", "queued_at", "status_changed_at", "updated_at"]
    )


def _rsvps_remove(participant: Participant) -> None:
    """Say no for the person to upcoming events (so the waiting list moves up),
    then take the person off every answer: what they answered still counts in
    the figures (said they would come), nobody is named."""
    from matching.events.services import event_rsvp
    from matching.models import EventRsvp

    upcoming_yes = EventRsvp.objects.filter(
        participant=participant,
        answer=EventRsvp.Answer.YES,
        event__starts_at__gt=timezone.now(),
    ).select_related("event")
    for rsvp in upcoming_yes:
        event_rsvp(event=rsvp.event, participant=participant, attending=False)
    EventRsvp.objects.filter(participant=participant).update(participant=None)
