"""The second step's pages, on the operator's host and every tenant's host."""

from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login

from tenants.mfa.services import (
    mfa_is_set_up,
    mfa_verify,
    totp_device_confirm,
    totp_device_pending,
)


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/operator/" if request.path.startswith("/operator") else "/admin/"


def _signed_in(view):
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect("/")
        return view(request, *args, **kwargs)

    return wrapped


@never_cache
@_signed_in
def mfa_setup_view(request):
    user = request.user
    if mfa_is_set_up(user):
        return redirect("mfa-verify")
    error = ""
    if request.method == "POST":
        confirmed = totp_device_confirm(user, request.POST.get("code", ""))
        if confirmed is not None:
            device, codes = confirmed
            otp_login(request, device)
            return render(
                request,
                "tenants/mfa/recovery_codes.html",
                {"codes": codes, "next": _next(request)},
            )
        error = _("That code did not match. Type the six digits the app shows now.")
    device = totp_device_pending(user)
    return render(
        request,
        "tenants/mfa/setup.html",
        {
            "qr": _qr_svg(device.config_url),
            "secret": device.config_url.split("secret=")[1].split("&")[0],
            "error": error,
            "next": _next(request),
        },
        status=400 if error else 200,
    )


def _qr_svg(url: str) -> str:
    import segno

    return segno.make(url, error="m").svg_inline(scale=5, title=_("QR code"))


@never_cache
@_signed_in
def mfa_verify_view(request):
    if not mfa_is_set_up(request.user):
        return redirect("mfa-setup")
    error = ""
    if request.method == "POST":
        device = mfa_verify(request.user, request.POST.get("code", ""))
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        error = _(
            "That code did not match. Type the six digits the app shows now, or "
            "one of your recovery codes."
        )
    return render(
        request,
        "tenants/mfa/verify.html",
        {"error": error, "next": _next(request)},
        status=400 if error else 200,
    )
