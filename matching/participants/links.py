"""Absolute links to a participant's pages, in the participant's language."""

from django.urls import reverse
from django.utils import translation

from matching.models import Participant


def participant_link(
    participant: Participant, name: str, base_url: str, **kwargs
) -> str:
    """`base_url` + the page `name` under the prefix of the participant's language
    (none for Swedish, /en/, /ar/, ...), so a link in an e-mail opens their pages
    in the language they chose."""
    with translation.override(participant.language or "sv"):
        return base_url + reverse(name, kwargs=kwargs)
