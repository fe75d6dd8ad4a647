"""What a participant changes on their own page besides their status: the answers
to the program's questions and the channels they want messages on."""

from django.utils.translation import gettext_lazy as _

from config.errors import ApplicationError
from matching.models import Participant
from matching.participants.registration import answer_clean


def participant_answers_update(
    *, participant: Participant, answers: dict
) -> Participant:
    if not isinstance(answers, dict):
        raise ApplicationError(_("The answers could not be read."))
    cleaned = {}
    for question in participant.program.questions.all():
        if question.asked_of(participant.side_key):
            answer = answer_clean(question, answers.get(question.key))
            if answer is not None:
                cleaned[question.key] = answer
    participant.answers = cleaned
    participant.save(update_fields=["answers", "updated_at"])
    return participant


def participant_channels_set(
    *, participant: Participant, email: bool, sms: bool
) -> Participant:
    """Which channels the participant wants messages on (opt-out per channel)."""
    participant.email_opt_out = not email
    participant.sms_opt_out = not sms
    participant.save(update_fields=["email_opt_out", "sms_opt_out", "updated_at"])
    return participant
