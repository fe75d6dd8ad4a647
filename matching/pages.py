"""Pages every part of a tenant's site answers with when it cannot do what was
asked: a refusal with its reason, and too many attempts from one address."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

TOO_MANY = _(
    "There have been too many attempts from your address. Wait a while and try again."
)


def refused_page(request: HttpRequest, message: str, status: int = 400) -> HttpResponse:
    return render(
        request, "matching/link_failed.html", {"message": message}, status=status
    )


def too_many_page(request: HttpRequest) -> HttpResponse:
    return render(
        request, "matching/rate_limited.html", {"message": TOO_MANY}, status=429
    )
