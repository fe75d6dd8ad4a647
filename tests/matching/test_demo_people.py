"""The demo's fictional people: enough on each side, varied, eligible, the same on
every machine, and a run on them teaches a coordinator something."""

import pytest
from django_tenants.utils import tenant_context

from matching.demo import PEOPLE_PER_SIDE, demo_people, demo_programs_seed
from matching.matches.selectors import participants_waiting, proposals_of_program
from matching.models import Participant, Program
from matching.programs.services import program_create_from_template
from matching.programs.templates import TEMPLATES
from tests.matching.factories import match_run_now


@pytest.mark.parametrize("template_key", sorted(TEMPLATES))
def test_each_program_gets_varied_eligible_people_on_both_sides(alpha, template_key):
    with tenant_context(alpha):
        program = program_create_from_template(template_key=template_key)
        program = Program.objects.prefetch_related("sides", "questions").get(
            pk=program.pk
        )
        people = demo_people(program=program, seed="alpha")
        again = demo_people(program=program, seed="alpha")

    assert [(p.email, p.answers) for p in people] == [
        (p.email, p.answers) for p in again
    ]
    for side in program.sides.all():
        on_side = [p for p in people if p.side_key == side.key]
        assert len(on_side) == PEOPLE_PER_SIDE[side.key] >= 60
        assert len({p.first_name for p in on_side}) >= 12
        assert len({p.municipality for p in on_side}) >= min(
            3, len(side.municipalities or [1, 2, 3])
        )
        if side.genders:
            assert {p.gender for p in on_side} <= set(side.genders)
        if side.municipalities:
            assert {p.municipality for p in on_side} <= set(side.municipalities)
    assert PEOPLE_PER_SIDE["a"] != PEOPLE_PER_SIDE["b"]


def test_a_run_on_the_demo_shows_proposals_and_people_left_waiting(
    alpha, django_capture_on_commit_callbacks
):
    from types import SimpleNamespace

    with tenant_context(alpha):
        demo_programs_seed(tenant=SimpleNamespace(slug="kvinna"), port=8000)
        demo_programs_seed(tenant=SimpleNamespace(slug="kvinna"), port=8000)
        program = Program.objects.get(template_key="kvinna")
        assert Participant.objects.filter(program=program).count() == sum(
            PEOPLE_PER_SIDE.values()
        )
        # Gallring has work to show: three people due within 30 days, none now.
        from django.utils import timezone

        from matching.privacy.retention_due import retention_due_soon

        due = retention_due_soon(now=timezone.now()).filter(program=program)
        assert due.count() == 3
        assert not due.filter(retention_due_at__lte=timezone.now()).exists()
        decision = Program.objects.get(pk=program.pk).retention_decision
        assert decision.startswith("Gallringsbeslut")

        run = match_run_now(program, django_capture_on_commit_callbacks)

        proposals = list(proposals_of_program(program=program))
        assert run.status == "done" and len(proposals) >= 20
        assert all(match.explanation for match in proposals)
        left = participants_waiting(program=program)
        assert left.filter(side_key="a").exists()


def test_the_per_session_demo_has_a_session_per_theme_to_match_on(
    alpha, django_capture_on_commit_callbacks
):
    from types import SimpleNamespace

    from matching.models import Event

    with tenant_context(alpha):
        demo_programs_seed(tenant=SimpleNamespace(slug="fardighet"), port=8000)
        demo_programs_seed(tenant=SimpleNamespace(slug="fardighet"), port=8000)
        program = Program.objects.get(template_key="fardighet")
        sessions = list(program.events.filter(kind=Event.Kind.SESSION))
        themes = [
            choice["value"] for choice in program.questions.get(key="themes").choices
        ]
        assert sorted(session.theme for session in sessions) == sorted(themes)

        run = match_run_now(
            program, django_capture_on_commit_callbacks, session=sessions[0]
        )

        assert run.status == "done", run.error
        proposals = list(proposals_of_program(program=program))
        assert proposals and all(m.session_id == sessions[0].pk for m in proposals)


def test_the_other_demo_programs_have_a_network_meeting(alpha):
    from types import SimpleNamespace

    from matching.demo import NETWORK_MEETING
    from matching.models import Event

    with tenant_context(alpha):
        demo_programs_seed(tenant=SimpleNamespace(slug="kvinna"), port=8000)
        demo_programs_seed(tenant=SimpleNamespace(slug="kvinna"), port=8000)
        [event] = Event.objects.filter(program__template_key="kvinna")
    assert (event.title, event.kind, event.capacity) == (NETWORK_MEETING, "network", 40)
