"""What a person locked out by django-axes is told: the Wagtail admin, the
operator console, Django's admin and the API's token endpoint all lock an account
after AXES_FAILURE_LIMIT failed sign-ins from one address, for AXES_COOLOFF_TIME,
unless an administrator unlocks it first."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

LOCKOUT_STATUS = 429


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return _(
        "Too many failed sign-ins for this account from your address. Try again "
        "in %(minutes)s minutes, or ask your organisation's administrator to "
        "unlock the account."
    ) % {"minutes": minutes}


def locked_out_response(
    request: HttpRequest, original_response=None, credentials=None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: a page in the visitor's language, JSON for the API."""
    message = lockout_message()
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": message}, status=LOCKOUT_STATUS)
    return render(
        request, "sign_in_locked.html", {"message": message}, status=LOCKOUT_STATUS
    )
