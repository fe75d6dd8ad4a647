"""The Content-Security-Policy of every response (django-csp).

Every page gets CONTENT_SECURITY_POLICY: scripts only from the platform's own
origin, never inline, which holds for the site, registration, the participants'
pages and the operator console. The staff admin screens (Wagtail's admin and
Django's admin under the operator console) run inline script of their own, so
under STAFF_ADMIN_PATHS the policy also allows that; nothing a participant or a
visitor reaches is under them.

The middleware stands above the page cache in MIDDLEWARE, as Django's
SecurityMiddleware does, so a page served from the cache carries the same headers
as one rendered afresh.
"""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

STAFF_ADMIN_ADDITIONS = {"script-src": [UNSAFE_INLINE], "img-src": ["blob:"]}


def is_staff_admin_path(path: str) -> bool:
    return path.startswith(tuple(settings.STAFF_ADMIN_PATHS))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if is_staff_admin_path(request.path_info) and parts.replace is None:
            parts.update = {**STAFF_ADMIN_ADDITIONS, **(parts.update or {})}
        return parts
