"""A recovery code, or an app's code, sent twice at the same moment (a double
click, two tabs, an attacker racing the owner) lets exactly one sign-in through:
real concurrent transactions on committed rows."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenants.mfa.services import mfa_verify, totp_device_confirm, totp_device_pending
from tests.matching.committed import committed_program, together, told
from tests.workers import REDIS_SERVER

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(REDIS_SERVER is None, reason="needs redis-server on PATH"),
]


def _code(device: TOTPDevice, drift: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, drift=drift):06d}"


def _used_at_once(alpha, user, code) -> list:
    def use():
        # Held open a moment after verifying, as a slow request would.
        with transaction.atomic():
            device = mfa_verify(user, code)
            time.sleep(0.5)
        return device is not None

    return told(together(alpha, use, use))


def test_one_code_used_twice_at_once_signs_in_once(django_db_setup, django_db_blocker):
    with committed_program(django_db_blocker) as (alpha, _program):
        user = get_user_model().objects.create_user("kim-samtidigt", is_staff=True)
        try:
            device = totp_device_pending(user)
            _, recovery = totp_device_confirm(user, _code(device))

            assert sorted(_used_at_once(alpha, user, recovery[0])) == [False, True]
            device.refresh_from_db()
            time.sleep(1.1)  # past the hold a refused code puts on the device
            assert sorted(_used_at_once(alpha, user, _code(device, drift=1))) == [
                False,
                True,
            ]
        finally:
            user.delete()
