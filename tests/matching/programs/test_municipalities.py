"""All 290 municipalities with SCB's codes; a program offers the ones it serves."""

import csv

from matching.models import Participant, Program
from matching.programs.municipalities import (
    COUNTY_OF,
    MUNICIPALITIES,
    municipality_choices,
)
from matching.programs.services import program_create_from_template
from matching.programs.templates import KVINNA_MUNICIPALITIES
from tests.conftest import ALPHA_HOST
from tests.matching.factories import REGISTRATION_FORM as FORM


def test_the_list_holds_every_municipality_once_with_its_county():
    assert len(MUNICIPALITIES) == 290
    assert all(len(code) == 4 and code.isdigit() for code in MUNICIPALITIES)
    assert len(set(COUNTY_OF.values())) == 21
    assert (
        MUNICIPALITIES["0123"] == "Järfälla" and COUNTY_OF["0123"] == "Stockholms län"
    )
    assert MUNICIPALITIES["2584"] == "Kiruna" and COUNTY_OF["2584"] == "Norrbottens län"
    assert MUNICIPALITIES["1480"] == "Göteborg"
    # The county is the first two digits of the code, as in SCB's register.
    firsts = {}
    for code, county in COUNTY_OF.items():
        firsts.setdefault(code[:2], set()).add(county)
    assert all(len(counties) == 1 for counties in firsts.values())


def test_choices_are_grouped_by_county_and_sorted_by_name():
    groups = municipality_choices()
    assert len(groups) == 21
    stockholm = dict(groups)["Stockholms län"]
    names = [name for _code, name in stockholm]
    assert names == sorted(names) and len(names) == 26
    assert municipality_choices(["0182", "0162"]) == [
        ("0162", "Danderyd"),
        ("0182", "Nacka"),
    ]


def test_the_form_offers_the_programs_municipalities_only(client, kvinna):
    body = client.get(
        f"/anmalan/{kvinna.slug}/?side=a", HTTP_HOST=ALPHA_HOST
    ).content.decode()
    for code in KVINNA_MUNICIPALITIES:
        assert f'<option value="{code}">{MUNICIPALITIES[code]}</option>' in body
    assert 'value="2584"' not in body and 'value="0123"' not in body


def test_a_municipality_the_program_does_not_serve_is_refused(client, kvinna):
    response = client.post(
        f"/anmalan/{kvinna.slug}/?side=a",
        {**FORM, "municipality": "2584"},
        HTTP_HOST=ALPHA_HOST,
    )
    assert response.status_code == 400
    assert (
        "Kv(in)na är för dig som bor i Danderyd, Nacka, Nykvarn, Nynäshamn, "
        "Sundbyberg eller Salem." in response.content.decode()
    )
    assert not Participant.objects.exists()


def test_a_program_for_all_of_sweden_offers_all_290_by_county(client, alpha):
    alpha.activate()
    program = program_create_from_template(
        template_key="mentorskap", status="open", slug="mentorskap"
    )
    assert program.municipalities == []
    body = client.get(
        f"/anmalan/{program.slug}/?side=a", HTTP_HOST=ALPHA_HOST
    ).content.decode()
    assert body.count('<optgroup label="') >= 21
    assert '<option value="2584">Kiruna</option>' in body


def test_unknown_codes_are_refused_on_the_program(alpha):
    alpha.activate()
    program = Program(
        name="X",
        slug="x",
        consent_purpose="p",
        consent_recipients="r",
        municipalities=["9999"],
    )
    try:
        program.full_clean()
    except Exception as error:  # noqa: BLE001 - the message is what matters
        assert "municipalities" in error.message_dict
    else:
        raise AssertionError("an unknown code was accepted")


def test_the_data_file_is_read_as_written():
    from matching.programs import municipalities

    with municipalities._DATA.open(encoding="utf-8") as rows:
        assert sum(1 for _row in csv.DictReader(rows)) == 290
