"""API tokens of a tenant's staff (django-rest-knox): stored only as a hash, each
with an expiry (REST_KNOX["TOKEN_TTL"]), issued only to members of the groups that
use the API (STAFF_API_GROUPS), listed and revoked by their owner and by the
tenant's administrators. A token of someone who has left those groups, or whose
account is deactivated, no longer authenticates."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from knox.auth import TokenAuthentication
from knox.models import AuthToken
from rest_framework import exceptions

from config.errors import ApplicationError


def uses_the_api(user: AbstractBaseUser) -> bool:
    return (
        user.is_active
        and user.groups.filter(name__in=settings.STAFF_API_GROUPS).exists()
    )


def manages_staff_access(user: AbstractBaseUser) -> bool:
    """The tenant's administrators: they see and revoke everyone's tokens and
    unlock sign-ins."""
    return user.is_active and (
        user.is_superuser
        or user.groups.filter(name=settings.STAFF_ADMINISTRATORS_GROUP).exists()
    )


def api_token_issue(*, user: AbstractBaseUser) -> tuple[AuthToken, str]:
    """A new token for `user`; the readable token is returned once, only its hash
    is stored."""
    if not uses_the_api(user):
        raise ApplicationError(
            _("Your role does not use the API; ask your administrator if you need it.")
        )
    return AuthToken.objects.create(user=user)


def api_tokens_visible(*, user: AbstractBaseUser) -> QuerySet[AuthToken]:
    """The tokens `user` may see: their own, or every token for administrators.
    Expired ones are left out (authentication deletes them when presented)."""
    tokens = AuthToken.objects.select_related("user").filter(expiry__gt=timezone.now())
    if not manages_staff_access(user):
        tokens = tokens.filter(user=user)
    return tokens.order_by("-created")


def api_token_revoke(*, user: AbstractBaseUser, token_key: str) -> int:
    """Revoke a token by its public key (the first characters); 0 if `user` may
    not see it or it is already gone."""
    return api_tokens_visible(user=user).filter(token_key=token_key).delete()[0]


class StaffTokenAuthentication(TokenAuthentication):
    """knox's token check, and the holder must still be in an API group."""

    def validate_user(self, auth_token):
        user, token = super().validate_user(auth_token)
        if not uses_the_api(user):
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        return user, token
