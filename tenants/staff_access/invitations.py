"""A tenant's administrators invite staff by e-mail into one of the product's
groups (editors, publishers, coordinators, referrers): an account without a
password, and a one-time link (Wagtail's password page, valid
PASSWORD_RESET_TIMEOUT, 3 days) where the invitee chooses it. An invitation not
yet taken up can be sent again (a new link); an e-mail that already has an
account is refused, also when two invitations for it come at the same moment."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.errors import ApplicationError
from tenants.mail import mail_later

EMAIL_INVALID = gettext_lazy("Enter a valid e-mail address.")
GROUP_INVALID = gettext_lazy("Choose one of the listed roles.")
HAS_ACCOUNT = gettext_lazy("{email} already has an account on this site.")
NOT_PENDING = gettext_lazy("That invitation has been taken up already.")


def invitable_groups() -> list[str]:
    return list(settings.STAFF_INVITABLE_GROUPS)


def password_link(user) -> str:
    """The path of a one-time link where `user` chooses a password (spent once a
    password is set: the token covers the password's hash)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return f"/admin/password_reset/confirm/{uid}/{token}/"


def invitations_pending():
    """Invited accounts that have not chosen a password yet."""
    return (
        get_user_model()
        .objects.filter(is_active=True, last_login__isnull=True)
        .filter(password__startswith="!")  # Django's unusable password
        .prefetch_related("groups")
        .order_by("-date_joined")
    )


def _send(user, *, site_name: str, base_url: str, inviter_name: str, group: str):
    mail_later(
        [user.email],
        _("You are invited to {site}").format(site=site_name),
        _(
            "Hello,\n\n{inviter} invites you to {site} as one of its {group}. "
            "Choose your password with this link, which works once and for 3 "
            "days:\n\n{link}\n\nThen sign in at {base}/admin/ with your e-mail "
            "address as username."
        ).format(
            inviter=inviter_name,
            site=site_name,
            group=group.lower(),
            link=f"{base_url}{password_link(user)}",
            base=base_url,
        ),
    )


def staff_invite(
    *, inviter, email: str, group_name: str, site_name: str, base_url: str
):
    """Invite `email` into `group_name`; the new account."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ApplicationError(str(EMAIL_INVALID), {"field": "email"}) from None
    if group_name not in invitable_groups():
        raise ApplicationError(str(GROUP_INVALID), {"field": "group"})
    users = get_user_model().objects
    if users.filter(email__iexact=email).exists():
        raise ApplicationError(str(HAS_ACCOUNT).format(email=email), {"field": "email"})
    try:
        with transaction.atomic():
            user = users.create_user(username=email[:150], email=email)
            user.set_unusable_password()
            user.save(update_fields=["password"])
            user.groups.add(Group.objects.get(name=group_name))
            _send(
                user,
                site_name=site_name,
                base_url=base_url,
                inviter_name=inviter.get_full_name() or inviter.get_username(),
                group=group_name,
            )
    except IntegrityError:  # the same e-mail invited a moment ago
        raise ApplicationError(
            str(HAS_ACCOUNT).format(email=email), {"field": "email"}
        ) from None
    return user


def invitation_resend(*, inviter, user_id: int, site_name: str, base_url: str):
    """A new link to an invitee who has not chosen a password yet."""
    user = invitations_pending().filter(pk=user_id).first()
    if user is None:
        raise ApplicationError(str(NOT_PENDING))
    group = user.groups.values_list("name", flat=True).first() or ""
    with transaction.atomic():
        _send(
            user,
            site_name=site_name,
            base_url=base_url,
            inviter_name=inviter.get_full_name() or inviter.get_username(),
            group=group,
        )
    return user
