from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework.authtoken.views import obtain_auth_token

from matching.api import views

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-docs"),
    # Staff exchange their username and password (this tenant's) for an API token.
    path("v1/staff/token/", obtain_auth_token, name="api-staff-token"),
    path("v1/programs/", views.ProgramListApi.as_view(), name="api-programs"),
    path(
        "v1/programs/<slug:slug>/registrations/",
        views.RegistrationApi.as_view(),
        name="api-registration",
    ),
    path(
        "v1/staff/programs/",
        views.StaffProgramListApi.as_view(),
        name="api-staff-programs",
    ),
    path(
        "v1/staff/participants/",
        views.ParticipantListApi.as_view(),
        name="api-participants",
    ),
    path(
        "v1/staff/participants/<int:pk>/",
        views.ParticipantDetailApi.as_view(),
        name="api-participant",
    ),
    path(
        "v1/staff/programs/<slug:slug>/match-runs/",
        views.MatchRunStartApi.as_view(),
        name="api-match-run-start",
    ),
    path(
        "v1/staff/match-runs/<int:pk>/",
        views.MatchRunDetailApi.as_view(),
        name="api-match-run",
    ),
    path(
        "v1/staff/programs/<slug:slug>/proposals/",
        views.ProposalListApi.as_view(),
        name="api-proposals",
    ),
    path(
        "v1/staff/programs/<slug:slug>/publish/",
        views.PublishApi.as_view(),
        name="api-publish",
    ),
    path(
        "v1/staff/participants/<int:pk>/status/",
        views.ParticipantStatusApi.as_view(),
        name="api-participant-status",
    ),
]
