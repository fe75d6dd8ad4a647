from django.urls import path

from matching import views
from matching.events import views as event_views

app_name = "matching"

urlpatterns = [
    path("anmalan/<slug:slug>/", views.registration_view, name="registration"),
    path(
        "anmalan/<slug:slug>/tack/",
        views.registration_thanks_view,
        name="registration-thanks",
    ),
    path("deltagare/", views.participant_home_view, name="participant-home"),
    path("deltagare/bekrafta/<str:token>/", views.confirm_view, name="confirm"),
    path("deltagare/oppna/<str:token>/", views.open_view, name="open"),
    path("deltagare/inbjudan/<str:token>/", views.invite_view, name="invite"),
    path("deltagare/svar/", views.participant_answers_view, name="participant-answers"),
    path(
        "deltagare/mina-uppgifter.json",
        views.participant_export_view,
        name="participant-export",
    ),
    path("deltagare/radera/", views.participant_erase_view, name="participant-erase"),
    path("deltagare/ny-lank/", views.new_link_view, name="new-link"),
    path(
        "deltagare/matchning/<str:action>/",
        views.participant_match_view,
        name="participant-match",
    ),
    path(
        "deltagare/evenemang/<int:event_id>/svar/",
        views.participant_rsvp_view,
        name="participant-rsvp",
    ),
    path("evenemang/<int:event_id>.ics", event_views.event_ics_view, name="event-ics"),
    path(
        "deltagare/<str:action>/",
        views.participant_action_view,
        name="participant-action",
    ),
    path("remiss/", views.referral_view, name="referrals"),
]
