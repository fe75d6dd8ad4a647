"""Sends a signed-in member of staff who must pass the second step (policy.py)
to set it up or pass it before any staff screen."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from tenants.mfa.policy import mfa_required
from tenants.mfa.services import mfa_is_set_up

# Where the second step is set up and passed, signing out, and files.
OPEN_PREFIXES = ("/mfa/", "/admin/logout/", "/operator/logout/", "/static/", "/i18n/")


class MfaRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if (
            path.startswith(tuple(settings.MFA_PROTECTED_PATHS))
            and not path.startswith(OPEN_PREFIXES)
            # Verified first: a signed-in person past the second step costs no
            # group lookup on each staff page.
            and not request.user.is_verified()
            and mfa_required(request)
        ):
            step = "mfa-verify" if mfa_is_set_up(request.user) else "mfa-setup"
            return redirect(
                reverse(step) + "?" + urlencode({"next": request.get_full_path()})
            )
        return self.get_response(request)
