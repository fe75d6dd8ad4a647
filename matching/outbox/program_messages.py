"""A program's messages rendered from its templates, or the default texts."""

import logging

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from matching.models import (
    MessageTemplate,
    Program,
)

logger = logging.getLogger(__name__)


# The texts a program sends until its coordinators write their own, in the
# participant's language through the catalogues.
DEFAULT_TEMPLATES = {
    ("match_published", "email"): (
        _("You have a match in {program}!"),
        _(
            "Hi {first_name}!\n\nWe have matched you with {partner_first_name}. "
            "Get in touch with each other: {partner_contact}.\n\n"
            "Confirm and see your match here: {link}\n\nKind regards,\n{program}"
        ),
    ),
    ("match_published", "sms"): (
        "",
        _(
            "Hi {first_name}! You are matched with {partner_first_name} in "
            "{program}. Read more in your e-mail."
        ),
    ),
    ("meeting_reminder", "email"): (
        _("How are things going in {program}?"),
        _(
            "Hi {first_name}!\n\nWe have not seen a meeting logged for a while. "
            "Have you met? Log your meetings here: {link}\n\n{program}"
        ),
    ),
    ("event_reminder", "email"): (
        _("Reminder: {event}"),
        _(
            "Hi {first_name}!\n\nWelcome to {event}, {when}, {where}.\n"
            "Add it to your calendar: {ics}\nCannot come? Answer here: {link}"
            "\n\n{program}"
        ),
    ),
    ("kickoff", "email"): (
        _("Kickoff meeting in {program}: {when}"),
        _(
            "Hi {first_name}!\n\nWelcome to the kickoff meeting with "
            "{partner_first_name}: {when}, {where}. You meet there together with a "
            "coordinator.\n\nYour page: {link}\n\n{program}"
        ),
    ),
    ("kickoff", "sms"): (
        "",
        _(
            "Hi {first_name}! Kickoff meeting with {partner_first_name} in "
            "{program}: {when}, {where}."
        ),
    ),
    ("followup", "email"): (
        _("How is it going? A few questions from {program}"),
        _(
            "Hi {first_name}!\n\nTell us how it is going with "
            "{partner_first_name}. It takes a minute: {link}\n\n{program}"
        ),
    ),
    ("followup_six_months", "email"): (
        _("Six months on: one question from {program}"),
        _(
            "Hi {first_name}!\n\nIt is six months since your match in {program} "
            "ended. What are you doing now: work, studies, an internship? Answer "
            "with one click: {link}\n\nYour answer is counted without your name."
            "\n\n{program}"
        ),
    ),
}


class _Blank(dict):
    def __missing__(self, key):
        return ""


def program_message_render(
    program: Program, key: str, channel: str, language: str, context: dict
):
    template = (
        MessageTemplate.objects.filter(program=program, key=key, channel=channel)
        .filter(language__in=[language, "sv"])
        .order_by("-language" if language > "sv" else "language")
        .first()
    )
    default = DEFAULT_TEMPLATES.get((key, channel))
    if template is not None:
        try:
            return (
                template.subject.format_map(_Blank(context)),
                template.body.format_map(_Blank(context)),
            )
        except (ValueError, AttributeError, IndexError, KeyError, TypeError):
            # Saved before templates were checked on save: send the default text
            # rather than fail the publish or the beat job.
            logger.warning("message template %s cannot be filled in", template.pk)
            if default is None:
                return None
    if default is None:
        return None
    subject, body = default
    with translation.override(language):
        return (
            str(subject).format_map(_Blank(context)),
            str(body).format_map(_Blank(context)),
        )
