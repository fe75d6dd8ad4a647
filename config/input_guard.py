"""Input no database can store (a NUL character, half of a UTF-16 surrogate pair)
is refused with a clear 400 before any view sees it, wherever it is sent: a form,
a query string or a JSON body. PostgreSQL cannot store either, so letting it
through would end as a 500 halfway through saving."""

import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _


def _unstorable(text: str) -> bool:
    return "\x00" in text or any("\ud800" <= char <= "\udfff" for char in text)


def _walk(value) -> bool:
    if isinstance(value, str):
        return _unstorable(value)
    if isinstance(value, dict):
        return any(_walk(key) or _walk(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_walk(item) for item in value)
    return False


def request_has_unstorable_input(request: HttpRequest) -> bool:
    if any(_unstorable(v) for _k, values in request.GET.lists() for v in values):
        return True
    if request.method not in ("POST", "PUT", "PATCH"):
        return False
    if request.content_type == "application/json":
        try:
            return _walk(json.loads(request.body or b"null"))
        except (ValueError, UnicodeDecodeError):
            return False  # the view answers a body that is not JSON
    return any(_unstorable(v) for _k, values in request.POST.lists() for v in values)


class UnstorableInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request_has_unstorable_input(request):
            message = _(
                "The text sent contains a character that cannot be stored (a null "
                "character or a broken one). Remove it and try again."
            )
            if request.content_type == "application/json" or request.path.startswith(
                "/api/"
            ):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponse(
                message, status=400, content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)
