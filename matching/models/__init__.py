from matching.events.models import Event, EventRsvp
from matching.matches.models import (
    FollowUp,
    ForbiddenPair,
    Match,
    MatchRun,
    Meeting,
)
from matching.outbox.models import Message, MessagingSettings
from matching.participants.models import (
    AccessLogEntry,
    Participant,
    ParticipantToken,
    Referral,
    StaffNote,
)
from matching.participants.report_facts import RegistrationTally, ReportFacts
from matching.privacy.models import RetentionLogEntry
from matching.programs.models import (
    Criterion,
    HardConstraint,
    MessageTemplate,
    Program,
    ProgramSide,
    Question,
)

__all__ = [
    "RegistrationTally",
    "ReportFacts",
    "RetentionLogEntry",
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
