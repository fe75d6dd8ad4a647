"""The coordinators' list of registrations reads as the program speaks: sides by
their names, municipalities by name, statuses and headings in Swedish."""

import re

from matching.roles import COORDINATORS
from tests.conftest import ALPHA_HOST
from tests.factories import signed_in
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
