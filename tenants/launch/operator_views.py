"""The operator's applications (/operator/applications/): a list filtered by
status, each with its details and provisioning progress, approved or declined
with a reason the applicant receives."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.errors import ApplicationError
from tenants.launch.applications import application_approve, application_decline
from tenants.launch.forms import DeclineForm
from tenants.launch.models import Application
from tenants.launch.provision import progress_of
from tenants.views_operator import staff_required

# The operator sees an application once its applicant has confirmed the e-mail.
SEEN = [
    value
    for value in Application.Status.values
    if value != Application.Status.UNCONFIRMED
]


def _seen():
    return Application.objects.exclude(status=Application.Status.UNCONFIRMED)


@login_required
@staff_required
@permission_required("tenants.view_application", raise_exception=True)
def application_list_view(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", Application.Status.SUBMITTED)
    if status not in SEEN and status != "all":
        status = Application.Status.SUBMITTED
    applications = _seen().select_related("plan", "tenant")
    if status != "all":
        applications = applications.filter(status=status)
    counts = dict(_seen().values_list("status").annotate(n=Count("pk")).order_by())
    page = Paginator(applications, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "tenants/operator/applications.html",
        {
            "page": page,
            "status": status,
            "statuses": [
                (value, label, counts.get(value, 0))
                for value, label in Application.Status.choices
                if value in SEEN
            ],
        },
    )


@login_required
@staff_required
@permission_required("tenants.view_application", raise_exception=True)
def application_detail_view(
    request: HttpRequest, pk: int, decline_form=None
) -> HttpResponse:
    application = get_object_or_404(_seen().select_related("plan", "tenant"), pk=pk)
    step, percent = progress_of(application)
    return render(
        request,
        "tenants/operator/application_detail.html",
        {
            "application": application,
            "decline_form": decline_form or DeclineForm(),
            "step": step,
            "percent": percent,
            "working": application.status == Application.Status.APPROVED,
        },
        status=400 if decline_form is not None else 200,
    )


@require_POST
@login_required
@staff_required
@permission_required("tenants.change_application", raise_exception=True)
def application_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(_seen(), pk=pk)
    try:
        application_approve(application=application, actor=request.user.get_username())
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("{name} is approved: the site is being made.").format(
                name=application.organisation_name
            ),
        )
    return redirect("operator:application-detail", pk=application.pk)


@require_POST
@login_required
@staff_required
@permission_required("tenants.change_application", raise_exception=True)
def application_decline_view(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(_seen(), pk=pk)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        return application_detail_view(request, pk, decline_form=form)
    try:
        application_decline(
            application=application,
            reason=form.cleaned_data["reason"],
            actor=request.user.get_username(),
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("{name} is declined; the applicant is told why.").format(
                name=application.organisation_name
            ),
        )
    return redirect("operator:application-detail", pk=application.pk)
