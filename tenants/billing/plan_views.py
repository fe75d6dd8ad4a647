"""The operator keeps the plans in the console (/operator/plans/): what each
includes, its price and grace period, whether it is offered; publishing makes
it a price at Stripe once, after which its price and interval are fixed (a new
price is a new plan)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.errors import ApplicationError
from tenants.billing.models import Plan
from tenants.billing.plans import plan_publish
from tenants.forms import PlanForm
from tenants.integrations.stripe import billing_configured
from tenants.views_operator import staff_required


@login_required
@staff_required
@permission_required("tenants.view_plan", raise_exception=True)
def plan_list_view(request: HttpRequest) -> HttpResponse:
    plans = Plan.objects.annotate(tenants=Count("accounts")).order_by("-active", "name")
    page = Paginator(plans, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "tenants/operator/plans.html",
        {"page": page, "billing_configured": billing_configured()},
    )


@login_required
@staff_required
def plan_edit_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk) if pk is not None else None
    needed = "tenants.change_plan" if plan else "tenants.add_plan"
    if not request.user.has_perm(needed):
        raise PermissionDenied
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("{plan} is saved.").format(plan=saved.name))
        return redirect("operator:plan-list")
    return render(
        request,
        "tenants/operator/plan_form.html",
        {"form": form, "plan": plan},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@login_required
@staff_required
@permission_required("tenants.change_plan", raise_exception=True)
def plan_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk)
    if not billing_configured():
        messages.error(request, _("Billing through Stripe is not configured."))
        return redirect("operator:plan-list")
    try:
        published = plan_publish(plan)
    except ApplicationError as error:
        messages.error(request, f"{plan}: {error.message}")
    else:
        messages.success(
            request,
            _("{plan} is a price at Stripe ({price}).").format(
                plan=published.name, price=published.stripe_price_id
            ),
        )
    return redirect("operator:plan-list")
