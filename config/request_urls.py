"""Absolute addresses for links in messages, built from the request's own host."""

from django.http import HttpRequest


def base_url(request: HttpRequest) -> str:
    """The scheme and host the person used, e.g. https://kompis.uppsala.se: a link
    in an e-mail leads back to the same tenant's site."""
    return f"{request.scheme}://{request.get_host()}"
