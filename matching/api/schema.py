"""The OpenAPI document: our API only (not Wagtail's admin API), and how its
staff authenticate (a knox token in `Authorization: Token <token>`)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


def only_the_platform_api(endpoints):
    """drf-spectacular PREPROCESSING_HOOKS: /api/ endpoints only."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]


class StaffTokenScheme(OpenApiAuthenticationExtension):
    target_class = "tenants.staff_access.api_tokens.StaffTokenAuthentication"
    name = "staffToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token <token> from POST /api/v1/staff/token/",
        }
