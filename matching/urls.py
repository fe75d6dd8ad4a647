from django.urls import path

from matching.events import views as event_views
from matching.matches import views as match_views
from matching.participants import signup_views
from matching.participants import views as participant_views

app_name = "matching"

urlpatterns = [
    path("anmalan/<slug:slug>/", signup_views.registration_view, name="registration"),
    path(
        "anmalan/<slug:slug>/tack/",
        signup_views.registration_thanks_view,
        name="registration-thanks",
    ),
    path(
        "deltagare/", participant_views.participant_home_view, name="participant-home"
    ),
    path("deltagare/bekrafta/<str:token>/", signup_views.confirm_view, name="confirm"),
    path("deltagare/oppna/<str:token>/", signup_views.open_view, name="open"),
    path("deltagare/inbjudan/<str:token>/", signup_views.invite_view, name="invite"),
    path(
        "deltagare/svar/",
        participant_views.participant_answers_view,
        name="participant-answers",
    ),
    path(
        "deltagare/mina-uppgifter.json",
        participant_views.participant_export_view,
        name="participant-export",
    ),
    path(
        "deltagare/radera/",
        participant_views.participant_erase_view,
        name="participant-erase",
    ),
    path("deltagare/ny-lank/", signup_views.new_link_view, name="new-link"),
    path(
        "deltagare/matchning/<str:action>/",
        match_views.participant_match_view,
        name="participant-match",
    ),
    path(
        "deltagare/slutet/",
        match_views.participant_end_followup_view,
        name="participant-end-followup",
    ),
    path(
        "deltagare/sex-manader/",
        match_views.participant_outcome_view,
        name="participant-outcome",
    ),
    path(
        "deltagare/evenemang/<int:event_id>/svar/",
        event_views.participant_rsvp_view,
        name="participant-rsvp",
    ),
    path("evenemang/<int:event_id>.ics", event_views.event_ics_view, name="event-ics"),
    path(
        "deltagare/<str:action>/",
        participant_views.participant_action_view,
        name="participant-action",
    ),
    path("remiss/", participant_views.referral_view, name="referrals"),
]
