"""Input no database can store (a NUL character, half of a UTF-16 surrogate pair)
is refused with a clear 400 before any view sees it, wherever it is sent: a form,
a query string or a JSON body. PostgreSQL cannot store either, so letting it
through would end as a 500 halfway through saving."""

import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _


def _unstorable(text: str) -> bool:
    return "\x00" in text or any("\ud800" <= char <= "\udfff" for char in text)


def _walk(value, path: str) -> str | None:
    """The path of the first unstorable key or text in a JSON value, or None."""
    if isinstance(value, str):
        return path if _unstorable(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            name = f"{path}.{key}" if path else str(key)
            if _unstorable(str(key)):
                return path or "(key)"
            found = _walk(item, name)
            if found:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _walk(item, f"{path}[{index}]")
            if found:
                return found
    return None


def _first_in(querydict) -> str | None:
    for key, values in querydict.lists():
        if _unstorable(key) or any(_unstorable(value) for value in values):
            return key if not _unstorable(key) else "(key)"
    return None


def unstorable_field(request: HttpRequest) -> str | None:
    """The name of the first field holding unstorable text, or None."""
    found = _first_in(request.GET)
    if found or request.method not in ("POST", "PUT", "PATCH"):
        return found
    if request.content_type == "application/json":
        try:
            return _walk(json.loads(request.body or b"null"), "")
        except (ValueError, UnicodeDecodeError):
            return None  # the view answers a body that is not JSON
    return _first_in(request.POST)


class UnstorableInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        field = unstorable_field(request)
        if field is not None:
            message = _(
                "The field %(field)s contains a character that cannot be stored (a "
                "null character or a broken one). Remove it and try again."
            ) % {"field": f"“{field}”"}
            if request.content_type == "application/json" or request.path.startswith(
                "/api/"
            ):
                return JsonResponse({"detail": message, "field": field}, status=400)
            return HttpResponse(
                message, status=400, content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)
