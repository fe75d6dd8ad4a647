"""The tenant's own domains in its admin (Settings → Own domain, administrators):
add one, see the DNS records to create and each domain's state, check now."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from config.errors import ApplicationError
from tenants.launch.models import OwnDomain
from tenants.launch.own_domains import (
    own_domain_add,
    own_domain_check,
    records_to_create,
)
from tenants.staff_access.api_tokens import manages_staff_access


class OwnDomainForm(forms.Form):
    host = forms.CharField(
        label=gettext_lazy("Domain"),
        max_length=253,
        help_text=gettext_lazy("e.g. jarfallakompis.se or kompis.jarfalla.se"),
    )


def _administrators_only(request) -> None:
    if not manages_staff_access(request.user):
        raise PermissionDenied


def own_domains_view(request):
    _administrators_only(request)
    form = OwnDomainForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            own = own_domain_add(tenant=request.tenant, host=form.cleaned_data["host"])
        except ApplicationError as error:
            form.add_error("host", error.message)
        else:
            messages.success(
                request,
                _("Create the records below for {host}, then check.").format(
                    host=own.host
                ),
            )
            return redirect("tenant_own_domains")
    domains = [
        {"own": own, "records": records_to_create(own)}
        for own in OwnDomain.objects.filter(tenant=request.tenant).order_by("host")
    ]
    return TemplateResponse(
        request,
        "tenants/launch/own_domains.html",
        {"form": form, "domains": domains},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def own_domain_check_view(request, pk: int):
    _administrators_only(request)
    own = OwnDomain.objects.filter(tenant=request.tenant, pk=pk).first()
    if own is None:
        messages.error(request, _("No such domain on this site."))
        return redirect("tenant_own_domains")
    own = own_domain_check(own.pk, actor=request.user.get_username())
    if own.last_problem:
        messages.error(request, own.last_problem)
    else:
        messages.success(
            request, _("{host} verifies: it is served.").format(host=own.host)
        )
    return redirect("tenant_own_domains")
