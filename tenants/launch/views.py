"""The platform's public page and the application on the public host: Swedish
first, English by the language switch; no script needed (the subdomain check
runs as the applicant types where script runs, and by a button where it does
not)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.module_loading import import_string
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET

from config.errors import ApplicationError
from config.ratelimits import form_rate_limited
from config.request_urls import base_url
from tenants.launch.applications import (
    ApplicationData,
    application_by_status_token,
    application_confirm,
    application_submit,
)
from tenants.launch.forms import ApplicationForm, PartnerFormSet, partners_of
from tenants.launch.listing import listed_sites
from tenants.launch.models import Application
from tenants.launch.provision import progress_of
from tenants.launch.subdomains import subdomain_verdict
from tenants.models import Plan
from tenants.services.provisioning import default_domain_for

# The public page is the same for everyone in a language: cached (the cache
# key carries the language), renewed within minutes after a plan or listing
# changes.
PAGE_SECONDS = 300


@cache_page(PAGE_SECONDS)
def home_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "tenants/launch/home.html",
        {
            "plans": Plan.objects.filter(active=True).order_by("price_sek"),
            "templates": import_string(settings.PLATFORM_PROGRAM_TEMPLATES)(),
            "sites": listed_sites(),
        },
    )


def apply_view(request: HttpRequest) -> HttpResponse:
    form = ApplicationForm(request.POST or None)
    partners = PartnerFormSet(request.POST or None, prefix="partners")
    checked = None
    if request.method == "POST" and "check" in request.POST:  # no script
        free, said = subdomain_verdict(request.POST.get("subdomain", ""))
        checked = {"problem": None if free else said, "free": said}
        form = ApplicationForm(initial=request.POST.dict())
        return render(
            request,
            "tenants/launch/apply.html",
            {"form": form, "partners": partners, "checked": checked},
        )
    if form_rate_limited(
        request, group="application", rate_setting="APPLICATION_THROTTLE_RATE"
    ):
        return render(request, "tenants/launch/too_many.html", status=429)
    if request.method == "POST" and form.is_valid() and partners.is_valid():
        try:
            data = form.cleaned_data
            listed_partners = partners_of(partners, data["kind"])
            application_submit(
                data=ApplicationData(
                    **{**data, "contact_phone": str(data["contact_phone"])},
                    partners=listed_partners,
                ),
                base_url=base_url(request),
            )
        except ApplicationError as error:
            form.add_error(error.extra.get("field"), error.message)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("launch:applied")
    return render(
        request,
        "tenants/launch/apply.html",
        {"form": form, "partners": partners, "checked": checked},
        status=400 if request.method == "POST" else 200,
    )


def applied_view(request: HttpRequest) -> HttpResponse:
    return render(request, "tenants/launch/applied.html")


@require_GET
def subdomain_check_view(request: HttpRequest) -> JsonResponse:
    name = request.GET.get("name", "").strip().lower()[:60]
    free, said = subdomain_verdict(name)
    return JsonResponse(
        {
            "name": name,
            "available": free,
            "message": said,
            "host": default_domain_for(name),
        }
    )


def confirm_view(request: HttpRequest, token: str) -> HttpResponse:
    """A page with a button (a mail scanner's GET confirms nothing)."""
    if request.method != "POST":
        return render(request, "tenants/launch/confirm.html")
    try:
        application = application_confirm(token=token, base_url=base_url(request))
    except ApplicationError as error:
        return render(
            request,
            "tenants/launch/confirm.html",
            {"refused": error.message},
            status=400,
        )
    return render(request, "tenants/launch/confirm.html", {"application": application})


def status_view(request: HttpRequest, token: str) -> HttpResponse:
    application = application_by_status_token(token)
    if application is None:
        return render(request, "tenants/launch/status.html", status=404)
    step, percent = progress_of(application)
    return render(
        request,
        "tenants/launch/status.html",
        {
            "application": application,
            "step": step,
            "percent": percent,
            "working": application.status == Application.Status.APPROVED,
            "suffix": settings.PLATFORM_TENANT_DOMAIN_SUFFIX,
        },
    )
