"""A program's messages rendered from its templates, or the default texts."""

import logging

from matching.models import (
    MessageTemplate,
    Program,
)

logger = logging.getLogger(__name__)


DEFAULT_TEMPLATES = {
    ("match_published", "email"): (
        "Du har fått en matchning i {program}!",
        "Hej {first_name}!\n\nVi har matchat dig med {partner_first_name}. "
        "Hör av er till varandra: {partner_contact}.\n\n"
        "Bekräfta och se er matchning här: {link}\n\nVänliga hälsningar,\n{program}",
    ),
    ("match_published", "sms"): (
        "",
        "Hej {first_name}! Du är matchad med {partner_first_name} i {program}. "
        "Läs mer i din e-post.",
    ),
    ("meeting_reminder", "email"): (
        "Hur går det för er i {program}?",
        "Hej {first_name}!\n\nVi har inte sett någon träff loggad på ett tag. "
        "Har ni setts? Logga era träffar här: {link}\n\n{program}",
    ),
    ("event_reminder", "email"): (
        "Påminnelse: {event}",
        "Hej {first_name}!\n\nVälkommen till {event}, {when}, {where}.\n"
        "Lägg in i kalendern: {ics}\nKan du inte komma? Svara här: {link}\n\n{program}",
    ),
    ("kickoff", "email"): (
        "Startmöte i {program}: {when}",
        "Hej {first_name}!\n\nVälkommen till startmötet med {partner_first_name}: "
        "{when}, {where}. Där träffas ni tillsammans med en samordnare.\n\n"
        "Din sida: {link}\n\n{program}",
    ),
    ("kickoff", "sms"): (
        "",
        "Hej {first_name}! Startmöte med {partner_first_name} i {program}: {when}, "
        "{where}.",
    ),
    ("followup", "email"): (
        "Hur går det? Några frågor från {program}",
        "Hej {first_name}!\n\nBerätta gärna hur det går med {partner_first_name}. "
        "Det tar en minut: {link}\n\n{program}",
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
    return subject.format_map(_Blank(context)), body.format_map(_Blank(context))
