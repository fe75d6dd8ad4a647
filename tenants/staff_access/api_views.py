"""The staff API's token endpoints: exchange this tenant's username and password
for a token (throttled, locked out after failed tries by django-axes), list one's
tokens (all of them for administrators), revoke one."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from config.errors import ApplicationError
from config.sign_in_lockout import locked_out_response
from tenants.mfa.services import second_step_refusal
from tenants.staff_access.api_tokens import (
    api_token_issue,
    api_token_revoke,
    api_tokens_visible,
)


class TokenSerializer(serializers.Serializer):
    key = serializers.CharField(source="token_key")
    username = serializers.CharField(source="user.username")
    created = serializers.DateTimeField()
    expiry = serializers.DateTimeField()


class StaffTokenApi(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_scope = "token"

    @extend_schema(request=AuthTokenSerializer, responses={200: dict})
    def post(self, request):
        credentials = AuthTokenSerializer(
            data=request.data, context={"request": request}
        )
        if not credentials.is_valid():
            # django-axes marks the request it was given: DRF's, not Django's.
            if getattr(request, "axes_locked_out", False):
                return locked_out_response(request._request)
            raise serializers.ValidationError(credentials.errors)
        user = credentials.validated_data["user"]
        refusal = second_step_refusal(
            user, tenant=request.tenant, code=str(request.data.get("otp", ""))
        )
        if refusal:
            return Response({"detail": refusal}, status=status.HTTP_403_FORBIDDEN)
        try:
            token, readable = api_token_issue(user=user)
        except ApplicationError as error:
            return Response({"detail": error.message}, status=status.HTTP_403_FORBIDDEN)
        return Response(
            {"token": readable, "key": token.token_key, "expiry": token.expiry}
        )


class StaffTokenListApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=TokenSerializer(many=True))
    def get(self, request):
        tokens = api_tokens_visible(user=request.user)
        return Response(TokenSerializer(tokens, many=True).data)


class StaffTokenRevokeApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={204: None})
    def delete(self, request, key: str):
        if not api_token_revoke(user=request.user, token_key=key):
            return Response(status=status.HTTP_404_NOT_FOUND)
        return Response(status=status.HTTP_204_NO_CONTENT)
