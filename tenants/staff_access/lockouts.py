"""Sign-ins locked by django-axes in the active schema, and unlocking them."""

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone


def sign_ins_locked() -> QuerySet[AccessAttempt]:
    """Account and address pairs locked now (within the cool-off)."""
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME,
    ).order_by("-attempt_time")


def sign_in_unlock(*, attempt_id: int) -> int:
    """Unlock one locked pair; the number of records removed (0: already gone)."""
    attempt = AccessAttempt.objects.filter(pk=attempt_id).first()
    if attempt is None:
        return 0
    return reset(username=attempt.username, ip=attempt.ip_address)
