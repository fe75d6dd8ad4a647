"""The coordinators' list of registrations reads as the program speaks: sides by
their names, municipalities by name, statuses and headings in Swedish."""

import re

from django.test import Client

from matching.roles import COORDINATORS
from tests.conftest import ALPHA_HOST
from tests.factories import second_step_passed, signed_in, staff_user
from tests.matching.factories import ParticipantFactory


def test_the_list_names_sides_municipalities_and_statuses(alpha, kvinna):
    ParticipantFactory(program=kvinna, side_key="b", municipality="0182")
    coordinator = signed_in(alpha, ALPHA_HOST, group=COORDINATORS)

    body = coordinator.get(
        "/admin/participants/", HTTP_HOST=ALPHA_HOST
    ).content.decode()

    cells = [cell.strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", body, re.S)]
    assert "Mentor" in cells and "Nacka" in cells
    assert "b" not in cells and "0182" not in cells
    assert "I kön" in cells


def test_a_coordinator_reads_the_admin_in_the_language_of_their_account(alpha, kvinna):
    from wagtail.users.models import UserProfile

    coordinator = staff_user(alpha, group=COORDINATORS)
    client = Client()
    client.force_login(coordinator)
    second_step_passed(client, coordinator, ALPHA_HOST, tenant=alpha)
    swedish = client.get("/admin/participants/", HTTP_HOST=ALPHA_HOST).content.decode()
    assert "Anmälningar" in swedish and '<html lang="sv"' in swedish

    alpha.activate()
    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "en"
    profile.save()
    english = client.get("/admin/programs/", HTTP_HOST=ALPHA_HOST).content.decode()
    assert '<html lang="en"' in english
    assert "Open for registration" in english  # the program's status, in English


def test_the_review_page_follows_the_coordinators_language(alpha, kvinna):
    from wagtail.users.models import UserProfile

    coordinator = staff_user(alpha, group=COORDINATORS)
    client = Client()
    client.force_login(coordinator)
    second_step_passed(client, coordinator, ALPHA_HOST, tenant=alpha)
    page = f"/admin/matchning/program/{kvinna.pk}/"
    swedish = client.get(page, HTTP_HOST=ALPHA_HOST).content.decode()
    assert "Kör matchning" in swedish and "Kön per sida" in swedish

    alpha.activate()
    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "en"
    profile.save()
    english = client.get(page, HTTP_HOST=ALPHA_HOST).content.decode()
    assert "Run matching" in english and "The queue by side" in english
    assert "Kör matchning" not in english
