from csp.decorators import csp_update
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from matching.api import matches, participants, programs
from matching.api import schema as _schema  # noqa: F401  (registers the token scheme)
from tenants.staff_access import api_views as tokens

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/",
        # Redoc's own page links to its maker with a logo from their CDN.
        csp_update({"img-src": ["https://cdn.redoc.ly"]})(
            SpectacularRedocView.as_view(url_name="api-schema")
        ),
        name="api-docs",
    ),
    # Staff exchange their username and password (this tenant's) for an API token.
    path("v1/staff/token/", tokens.StaffTokenApi.as_view(), name="api-staff-token"),
    path("v1/staff/tokens/", tokens.StaffTokenListApi.as_view(), name="api-tokens"),
    path(
        "v1/staff/tokens/<str:key>/",
        tokens.StaffTokenRevokeApi.as_view(),
        name="api-token-revoke",
    ),
    path("v1/programs/", programs.ProgramListApi.as_view(), name="api-programs"),
    path(
        "v1/programs/<slug:slug>/registrations/",
        participants.RegistrationApi.as_view(),
        name="api-registration",
    ),
    path(
        "v1/staff/programs/",
        programs.StaffProgramListApi.as_view(),
        name="api-staff-programs",
    ),
    path(
        "v1/staff/participants/",
        participants.ParticipantListApi.as_view(),
        name="api-participants",
    ),
    path(
        "v1/staff/participants/<int:pk>/",
        participants.ParticipantDetailApi.as_view(),
        name="api-participant",
    ),
    path(
        "v1/staff/programs/<slug:slug>/match-runs/",
        matches.MatchRunStartApi.as_view(),
        name="api-match-run-start",
    ),
    path(
        "v1/staff/match-runs/<int:pk>/",
        matches.MatchRunDetailApi.as_view(),
        name="api-match-run",
    ),
    path(
        "v1/staff/programs/<slug:slug>/proposals/",
        matches.ProposalListApi.as_view(),
        name="api-proposals",
    ),
    path(
        "v1/staff/programs/<slug:slug>/publish/",
        matches.PublishApi.as_view(),
        name="api-publish",
    ),
    path(
        "v1/staff/participants/<int:pk>/status/",
        participants.ParticipantStatusApi.as_view(),
        name="api-participant-status",
    ),
]
