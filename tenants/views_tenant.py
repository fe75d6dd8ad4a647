"""Views on a tenant's host that belong to the platform rather than to the site."""

import mimetypes
import os
from datetime import timedelta

from django.contrib.auth import login
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils._os import safe_join
from django.views.decorators.cache import never_cache

from config.client_address import client_address
from config.errors import ApplicationError
from tenants.services.support import (
    support_link_redeem,
    support_link_refused,
    support_user_for,
)


@never_cache
def support_signin_view(request: HttpRequest, token: str) -> HttpResponse:
    """Redeem an operator's one-time support link on this tenant's host."""
    address = client_address(request)
    try:
        access = support_link_redeem(
            token=token, tenant=request.tenant, ip_address=address
        )
    except ApplicationError as error:
        support_link_refused(
            tenant=request.tenant, message=error.message, ip_address=address
        )
        return render(
            request,
            "tenants/support_signin_failed.html",
            {"message": error.message},
            status=403,
        )
    user = support_user_for(operator_username=access.operator_username)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session["support_access_id"] = access.pk
    # Ends at a fixed moment (not two weeks, not renewed by activity).
    request.session.set_expiry(
        timezone.now() + timedelta(minutes=access.session_minutes)
    )
    return redirect("/admin/")


DOCUMENTS_FOLDER = "documents/"
PASSIVE_IMAGE_TYPES = {
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "image/avif",
}


def tenant_media_view(request: HttpRequest, schema: str, path: str) -> HttpResponse:
    """Serve an upload only on the host of the tenant that owns it.

    Uploads are stored under MEDIA_ROOT/<schema>/; a path naming another schema is
    answered 404 exactly like a file that does not exist.
    """
    if schema != connection.schema_name:
        raise Http404("No such file")
    if path.startswith(DOCUMENTS_FOLDER):
        # Documents are served by Wagtail's document view only (as attachments,
        # with its privacy checks); their storage path is never a way around it.
        raise Http404("No such file")
    try:
        full_path = safe_join(default_storage.location, path)
    except (SuspiciousFileOperation, ValueError):
        raise Http404("No such file") from None
    if not os.path.isfile(full_path):
        raise Http404("No such file")
    content_type, _ = mimetypes.guess_type(full_path)
    passive = content_type in PASSIVE_IMAGE_TYPES
    response = FileResponse(
        open(full_path, "rb"),
        content_type=content_type if passive else "application/octet-stream",
        as_attachment=not passive,
    )
    # An image is only ever an image; anything else (an SVG, an HTML file) is a
    # download that cannot run script on the tenant's host.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
