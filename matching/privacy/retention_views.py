"""Retention in the tenant's Wagtail admin: coordinators see who is due in the
next 30 days (per program, with the rule that applies) and hold or release a
person; administrators set each program's rule with the decision it rests on."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.errors import ApplicationError
from matching.models import Participant, Program
from matching.privacy.retention_due import (
    DUE_SOON_DAYS,
    participants_with_retention,
    retention_due_by_program,
    retention_due_soon,
)
from matching.privacy.retention_holds import retention_hold, retention_release
from matching.privacy.retention_rules import retention_rule_set

PER_PAGE = 50
SEES_RETENTION = "matching.view_retentionlogentry"
HOLDS = "matching.hold_participant"
SETS_RULES = "matching.change_retention_rule"
SEES_PEOPLE = "matching.view_participant"


def _require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def retention_due_view(request):
    """Counts per program for everyone who reads the retention log; the people
    themselves only for those who see participants (coordinators)."""
    _require(request, SEES_RETENTION)
    now = timezone.now()
    sees_people = request.user.has_perm(SEES_PEOPLE)
    due = retention_due_soon(now=now)
    if not sees_people:
        due = due.none()
    program_id = request.GET.get("program", "")
    if program_id.isdigit():
        due = due.filter(program_id=int(program_id))
    held = (
        participants_with_retention()
        .exclude(retention_hold_reason="")
        .select_related("program", "retention_held_by")
        .order_by("retention_held_at")
    )
    if not sees_people:
        held = held.none()
    return TemplateResponse(
        request,
        "matching/admin/retention_due.html",
        {
            "days": DUE_SOON_DAYS,
            "programs": retention_due_by_program(now=now),
            "page": Paginator(due, PER_PAGE).get_page(request.GET.get("p")),
            "held_page": Paginator(held, PER_PAGE).get_page(request.GET.get("hp")),
            "program_id": program_id,
            "now": now,
            "can_hold": sees_people and request.user.has_perm(HOLDS),
            "sees_people": sees_people,
        },
    )


def _participant(participant_id: int) -> Participant:
    return get_object_or_404(
        Participant.objects.exclude(status=Participant.Status.ERASED),
        pk=participant_id,
    )


def retention_hold_view(request, participant_id: int):
    _require(request, HOLDS)
    if request.method != "POST":
        return redirect("matching_retention_due")
    person = _participant(participant_id)
    try:
        if request.POST.get("release"):
            retention_release(participant=person)
            released = _("%(name)s is no longer held.") % {"name": person}
            messages.success(request, released)
        else:
            retention_hold(
                participant=person,
                reason=request.POST.get("reason", ""),
                user=request.user,
            )
            messages.success(request, _("%(name)s is held.") % {"name": person})
    except ApplicationError as error:
        messages.error(request, f"{person}: {error.message}")
    return redirect("matching_retention_due")


class RetentionRuleForm(forms.Form):
    months = forms.IntegerField(
        label=gettext_lazy("Months the data is kept after the person's part ended"),
        min_value=1,
        max_value=120,
    )
    decision = forms.CharField(
        label=gettext_lazy("Retention decision (gallringsbeslut)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=gettext_lazy(
            "The decision the rule rests on, e.g. its number and what it says."
        ),
    )
    decision_date = forms.DateField(
        label=gettext_lazy("Date of the decision"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    apply_to_promised = forms.TypedChoiceField(
        label=gettext_lazy("People who were promised a longer time"),
        choices=[
            ("no", gettext_lazy("keep what they were promised")),
            ("yes", gettext_lazy("follow the shorter rule too")),
        ],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )


def retention_rules_view(request):
    _require(request, SETS_RULES)
    return TemplateResponse(
        request,
        "matching/admin/retention_rules.html",
        {"programs": Program.objects.order_by("name")},
    )


def retention_rule_edit_view(request, program_id: int):
    _require(request, SETS_RULES)
    program = get_object_or_404(Program, pk=program_id)
    form = RetentionRuleForm(
        request.POST or None,
        initial={
            "months": program.retention_months,
            "decision": program.retention_decision,
            "decision_date": program.retention_decision_date,
        },
    )
    asks_confirmation = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            change = retention_rule_set(
                program=program,
                months=data["months"],
                decision=data["decision"],
                decision_date=data["decision_date"],
                apply_to_promised=data["apply_to_promised"],
                user=request.user,
            )
        except ApplicationError as error:
            field = error.extra.get("field")
            form.add_error(field if field in form.fields else None, error.message)
            asks_confirmation = field == "apply_to_promised"
        else:
            messages.success(
                request,
                _("The rule of %(program)s is saved.") % {"program": program.name},
            )
            if change.applied_to_promised:
                messages.info(
                    request,
                    _("%(count)s people now follow the shorter rule.")
                    % {"count": change.promised_longer},
                )
            elif change.promised_longer:
                messages.info(
                    request,
                    _("%(count)s people keep the time they were promised.")
                    % {"count": change.promised_longer},
                )
            return redirect("matching_retention_rules")
    return TemplateResponse(
        request,
        "matching/admin/retention_rule_edit.html",
        {
            "program": program,
            "form": form,
            "asks_confirmation": asks_confirmation,
        },
        status=400 if form.errors else 200,
    )
