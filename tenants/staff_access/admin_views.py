"""Wagtail admin pages of a tenant's staff access: one's API tokens (everyone's
for administrators) and, for administrators, the sign-ins locked after failed
tries. Both call tenants.staff_access's functions, as the API does."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from config.errors import ApplicationError
from config.request_urls import base_url
from tenants.mfa.services import mfa_reset, mfa_users, tenant_mfa_policy_set
from tenants.models import MfaPolicy
from tenants.staff_access.api_tokens import (
    api_token_issue,
    api_token_revoke,
    api_tokens_visible,
    manages_staff_access,
    uses_the_api,
)
from tenants.staff_access.forms import InvitationForm
from tenants.staff_access.invitations import (
    NOT_PENDING,
    invitation_resend,
    invitations_pending,
    staff_invite,
)
from tenants.staff_access.lockouts import sign_in_unlock, sign_ins_locked

PER_PAGE = 50


def api_tokens_view(request):
    user = request.user
    if not (uses_the_api(user) or manages_staff_access(user)):
        raise PermissionDenied
    new_token = None
    if request.method == "POST":
        if "revoke" in request.POST:
            if api_token_revoke(user=user, token_key=request.POST["revoke"]):
                messages.success(request, _("The token is revoked."))
            else:
                messages.error(request, _("That token no longer exists."))
            return redirect("staff_api_tokens")
        try:
            token, new_token = api_token_issue(user=user)
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("staff_api_tokens")
    page = Paginator(api_tokens_visible(user=user), PER_PAGE).get_page(
        request.GET.get("p")
    )
    return TemplateResponse(
        request,
        "tenants/staff_access/api_tokens.html",
        {
            "page": page,
            "new_token": new_token,
            "can_issue": uses_the_api(user),
            "everyone": manages_staff_access(user),
        },
    )


def locked_sign_ins_view(request):
    if not manages_staff_access(request.user):
        raise PermissionDenied
    if request.method == "POST":
        try:
            attempt_id = int(request.POST.get("unlock", ""))
        except ValueError:
            attempt_id = 0
        if sign_in_unlock(attempt_id=attempt_id):
            messages.success(request, _("The sign-in is unlocked."))
        else:
            messages.error(request, _("That sign-in is no longer locked."))
        return redirect("staff_locked_sign_ins")
    page = Paginator(sign_ins_locked(), PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request, "tenants/staff_access/locked_sign_ins.html", {"page": page}
    )


def second_step_view(request):
    """Administrators choose who must use two-step sign-in (the tenant's
    setting) and reset a colleague's (a lost phone)."""
    if not manages_staff_access(request.user):
        raise PermissionDenied
    if request.method == "POST" and "policy" in request.POST:
        try:
            tenant_mfa_policy_set(
                tenant=request.tenant,
                policy=request.POST["policy"],
                actor=request.user.get_username(),
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The setting is saved."))
        return redirect("staff_second_step")
    if request.method == "POST":
        user = mfa_users().filter(pk=request.POST.get("reset") or 0).first()
        if user is None or user == request.user:
            messages.error(request, _("Choose someone else's two-step sign-in."))
        else:
            mfa_reset(user)
            messages.success(
                request,
                _("%(name)s sets up two-step sign-in again at the next sign-in.")
                % {"name": user.get_username()},
            )
        return redirect("staff_second_step")
    page = Paginator(mfa_users(), PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "tenants/staff_access/second_step.html",
        {
            "page": page,
            "policies": MfaPolicy.choices,
            "policy": request.tenant.mfa_policy,
        },
    )


def invitations_view(request):
    """Administrators invite staff into the product's groups and see who has not
    taken up their invitation yet (with a button to send it again)."""
    if not manages_staff_access(request.user):
        raise PermissionDenied
    form = InvitationForm(request.POST or None)
    site = {
        "inviter": request.user,
        "site_name": request.tenant.name,
        "base_url": base_url(request),
    }
    if request.method == "POST" and "resend" in request.POST:
        try:
            user_id = int(request.POST["resend"])
            invited = invitation_resend(user_id=user_id, **site)
        except (ValueError, ApplicationError) as error:
            messages.error(request, getattr(error, "message", str(NOT_PENDING)))
        else:
            messages.success(
                request,
                _("A new link is on its way to {email}.").format(email=invited.email),
            )
        return redirect("staff_invitations")
    if request.method == "POST" and form.is_valid():
        try:
            invited = staff_invite(
                email=form.cleaned_data["email"],
                group_name=form.cleaned_data["group"],
                **site,
            )
        except ApplicationError as error:
            field = error.extra.get("field")
            form.add_error(field if field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _("{email} is invited; the link is on its way.").format(
                    email=invited.email
                ),
            )
            return redirect("staff_invitations")
    page = Paginator(invitations_pending(), PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "tenants/staff_access/invitations.html",
        {"form": form, "page": page},
        status=400 if request.method == "POST" else 200,
    )
