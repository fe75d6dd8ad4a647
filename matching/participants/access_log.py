"""The access log: who opened which participant's personal data (read by admins)."""

from collections.abc import Iterable

from matching.models import AccessLogEntry, Participant


def participant_access_log(
    *, user, view: str, participants: Iterable[Participant | None] = ()
) -> list[AccessLogEntry]:
    """Record that `user` saw `participants` in `view` (an AccessLogEntry.View).

    One entry per participant shown (a match shows two). A list view passes no
    participants and writes one entry naming nobody: a list shows many people, and
    a row for each on every page would drown the entries that matter.
    """
    people = [p for p in participants if p is not None]
    who = user if getattr(user, "pk", None) else None
    username = who.get_username() if who is not None else ""
    entries = [
        AccessLogEntry(
            user=who,
            username=username,
            participant=person,
            participant_ref=person.pk,
            view=view,
        )
        for person in people
    ] or [AccessLogEntry(user=who, username=username, view=view)]
    return AccessLogEntry.objects.bulk_create(entries)
