"""A program's retention rule, set by the tenant's administrators with the decision
it rests on (the municipality's gallringsbeslut: its text and date).

A longer rule applies to everyone at once. A shorter one that would reach people
whose consent promised longer is not saved until the administrator, told how many
people it concerns, says whether those people keep what they were promised (the
shorter rule then applies to later registrations) or follow the shorter rule too.
Each change is in the program's history."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.log_actions import log

from config.errors import ApplicationError
from matching.models import Participant, Program

MONTHS_RANGE = (1, 120)
MONTHS_INVALID = _("Give the months as a whole number from 1 to 120.")
DECISION_NEEDED = _("Give the decision the rule rests on: its text and its date.")
DECISION_DATE_FUTURE = _("The decision's date cannot be in the future.")
RULE_LOG_ACTION = "kompis.retention_rule"


@dataclass(frozen=True)
class RuleChange:
    program: Program
    months_before: int
    promised_longer: int  # people promised longer than the new rule
    applied_to_promised: bool


def promised_longer_count(*, program: Program, months: int) -> int:
    """People not yet anonymised whose consent promised more than `months`."""
    return (
        Participant.objects.filter(program=program, retention_months__gt=months)
        .exclude(status=Participant.Status.ERASED)
        .count()
    )


def shorter_rule_question(count: int) -> str:
    return ngettext(
        "%(count)s person was promised a longer time when registering. Choose "
        "whether they keep what they were promised or follow the shorter rule too.",
        "%(count)s people were promised a longer time when registering. Choose "
        "whether they keep what they were promised or follow the shorter rule too.",
        count,
    ) % {"count": count}


def _months(value) -> int:
    try:
        months = int(value)
    except (TypeError, ValueError):
        raise ApplicationError(MONTHS_INVALID, {"field": "months"}) from None
    if not MONTHS_RANGE[0] <= months <= MONTHS_RANGE[1]:
        raise ApplicationError(MONTHS_INVALID, {"field": "months"})
    return months


def retention_rule_set(
    *,
    program: Program,
    months,
    decision: str,
    decision_date: date | None,
    apply_to_promised: bool | None = None,
    user=None,
) -> RuleChange:
    """Set the program's rule. A shorter rule that would reach people promised
    longer is refused (naming how many) while `apply_to_promised` is None: True
    applies it to them too, False keeps their promise."""
    months = _months(months)
    decision = (decision or "").strip()
    if not decision or decision_date is None:
        raise ApplicationError(DECISION_NEEDED, {"field": "decision"})
    if decision_date > timezone.localdate():
        raise ApplicationError(DECISION_DATE_FUTURE, {"field": "decision_date"})
    with transaction.atomic():
        locked = Program.objects.select_for_update().get(pk=program.pk)
        before = locked.retention_months
        promised = promised_longer_count(program=locked, months=months)
        if promised and apply_to_promised is None:
            raise ApplicationError(
                shorter_rule_question(promised),
                {"field": "apply_to_promised", "promised_longer": promised},
            )
        shortened = promised if apply_to_promised else 0
        if shortened:
            Participant.objects.filter(
                program=locked, retention_months__gt=months
            ).exclude(status=Participant.Status.ERASED).update(retention_months=months)
        locked.retention_months = months
        locked.retention_decision = decision
        locked.retention_decision_date = decision_date
        locked.save(
            update_fields=[
                "retention_months",
                "retention_decision",
                "retention_decision_date",
                "updated_at",
            ]
        )
        log(
            instance=locked,
            action=RULE_LOG_ACTION,
            user=user,
            data={
                "months_before": before,
                "months": months,
                "decision_date": decision_date.isoformat(),
                "promised_longer": promised,
                "promised_longer_shortened": shortened,
            },
        )
    return RuleChange(
        program=locked,
        months_before=before,
        promised_longer=promised,
        applied_to_promised=bool(shortened),
    )
