from matching.events.models import Event, EventRsvp
from matching.models.access_log import AccessLogEntry
from matching.models.matches import (
    FollowUp,
    ForbiddenPair,
    Match,
    MatchRun,
    Meeting,
)
from matching.models.participants import (
    Participant,
    ParticipantToken,
    Referral,
    StaffNote,
)
from matching.models.programs import (
    Criterion,
    HardConstraint,
    MessageTemplate,
    Program,
    ProgramSide,
    Question,
)
from matching.outbox.models import Message, MessagingSettings

__all__ = [
    "AccessLogEntry",
    "Event",
    "EventRsvp",
    "FollowUp",
    "ForbiddenPair",
    "Match",
    "MatchRun",
    "Meeting",
    "Criterion",
    "HardConstraint",
    "Message",
    "MessageTemplate",
    "MessagingSettings",
    "Participant",
    "ParticipantToken",
    "Program",
    "ProgramSide",
    "Question",
    "Referral",
    "StaffNote",
]
