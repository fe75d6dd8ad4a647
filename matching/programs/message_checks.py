"""Checks of a program's message templates: each message key's placeholders, and
what is wrong with a template a coordinator wrote."""

import string

# What each message key fills in (participant_notify adds first_name, program and
# link to every message); a template may use these and nothing else.
_EVERY_MESSAGE = ("first_name", "program", "link")
TEMPLATE_PLACEHOLDERS = {
    "match_published": (*_EVERY_MESSAGE, "partner_first_name", "partner_contact"),
    "meeting_reminder": _EVERY_MESSAGE,
    "event_reminder": (*_EVERY_MESSAGE, "event", "when", "where", "ics"),
    "kickoff": (*_EVERY_MESSAGE, "partner_first_name", "when", "where"),
    "followup": (*_EVERY_MESSAGE, "partner_first_name"),
    "followup_six_months": _EVERY_MESSAGE,
}

TEMPLATE_KEY_UNKNOWN = (
    "Message template {template}: no message is sent with the key {key!r}; "
    "use one of: {keys}."
)
TEMPLATE_MALFORMED = (
    "Message template {template}, {part}: a brace is not closed or not opened "
    "({error}). Write a placeholder as {{name}}, and a brace on its own as "
    "{{{{ or }}}}."
)
TEMPLATE_PLACEHOLDER_UNKNOWN = (
    "Message template {template}, {part}: {{{name}}} is not a placeholder of this "
    "message; use one of: {names}."
)
TEMPLATE_PLACEHOLDER_FORM = (
    "Message template {template}, {part}: write {{{name}}} as a plain name such as "
    "{{first_name}}, without a position, attribute, index, conversion or format."
)


def message_template_problems(
    *, key: str, channel: str = "", language: str = "", subject: str, body: str
) -> list[str]:
    """What is wrong with a message template: an unknown key, a brace left open,
    or a placeholder the message does not fill (each key gets its own, see
    `TEMPLATE_PLACEHOLDERS`). Sending formats the text with those names only."""
    template = f"{key} ({', '.join(p for p in (channel, language) if p)})"
    if key not in TEMPLATE_PLACEHOLDERS:
        return [
            TEMPLATE_KEY_UNKNOWN.format(
                template=template, key=key, keys=", ".join(TEMPLATE_PLACEHOLDERS)
            )
        ]
    names = TEMPLATE_PLACEHOLDERS[key]
    problems = []
    for part, text in (("subject", str(subject or "")), ("body", str(body or ""))):
        try:
            fields = list(string.Formatter().parse(text))
        except ValueError as error:
            problems.append(
                TEMPLATE_MALFORMED.format(template=template, part=part, error=error)
            )
            continue
        for _literal, name, spec, conversion in fields:
            if name is None:
                continue
            if not name.isidentifier() or spec or conversion or name.isdigit():
                problems.append(
                    TEMPLATE_PLACEHOLDER_FORM.format(
                        template=template,
                        part=part,
                        name=name
                        + (f"!{conversion}" if conversion else "")
                        + (f":{spec}" if spec else ""),
                    )
                )
            elif name not in names:
                problems.append(
                    TEMPLATE_PLACEHOLDER_UNKNOWN.format(
                        template=template,
                        part=part,
                        name=name,
                        names=", ".join("{" + n + "}" for n in names),
                    )
                )
    return problems
