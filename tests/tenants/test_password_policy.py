"""Staff passwords: at least 12 characters and none of the common ones; the demo's
own password meets the policy, and an old demo account is moved onto it."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tenants.demo import DEMO_PASSWORD, DEMO_PASSWORD_BEFORE, demo_password_set


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("kort-lösen1", "password_too_short"),
        ("password1234", "password_too_common"),
        ("123456789012", "password_entirely_numeric"),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(password, code):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    codes = [error.code for error in refused.value.error_list]
    assert code in codes, refused.value.messages
    # The staff read why, in their language.
    assert all(message.strip() for message in refused.value.messages)


def test_a_long_uncommon_password_and_the_demo_password_are_accepted():
    validate_password("tre-gröna-äpplen-i-kö")
    validate_password(DEMO_PASSWORD)


@pytest.mark.django_db
def test_an_account_on_the_old_demo_password_moves_and_a_chosen_one_stays():
    users = get_user_model().objects
    old = users.create_user("gammal", password=DEMO_PASSWORD_BEFORE)
    chosen = users.create_user("vald", password="mitt-eget-långa-lösen")
    new = users.create(username="ny")

    for user in (old, chosen, new):
        demo_password_set(user)
        user.refresh_from_db()

    assert old.check_password(DEMO_PASSWORD)
    assert new.check_password(DEMO_PASSWORD)
    assert chosen.check_password("mitt-eget-långa-lösen")
    assert not chosen.check_password(DEMO_PASSWORD)
