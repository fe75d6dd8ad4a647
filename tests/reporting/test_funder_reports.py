"""A funder's report: the programs it funds, across tenants for the operator and
in one tenant for its own staff, with counts made by hand, small cells hidden,
as a page, CSV, XLSX and PDF in Swedish; the same snapshot gives the same bytes;
nothing personal in any of them; another tenant's programs never show."""

import base64
import re
import time
import zlib
from io import BytesIO

import openpyxl
import pytest
from django.db import connection
from django.utils import timezone
from django_tenants.utils import tenant_context

from cms.services import EDITORS_GROUP as EDITORS
from matching.participants.report_facts import report_facts_record
from matching.programs.services import program_create_from_template
from matching.roles import COORDINATORS
from reporting.snapshots import tenant_snapshot_build
from tenants.services.partners import partner_organisation_upsert, partnership_add
from tests.conftest import ALPHA_HOST, BETA_HOST, PUBLIC_HOST
from tests.factories import operator_signed_in, signed_in
from tests.matching.factories import ParticipantFactory

ALPHA_NAMES = ("Yasmin", "Rahel", "Selam", "Hodan", "Amal", "Fatuma", "Leyla")
BETA_NAMES = ("Nasra", "Warsan", "Idil", "Sagal", "Hibo", "Ayan")
MENTORS = 5


def _funder(*tenants):
    funder = partner_organisation_upsert(
        name="Länsstyrelsen i Stockholms län",
        organisation_number="202100-2312",
        role="funder",
    )
    for tenant in tenants:
        partnership_add(tenant=tenant, organisation=funder)
    return funder


def _program(tenant, funder, *, name: str, names, slug: str = "kvinna"):
    """A funded program in `tenant` with one person per name entered this month
    on the first side (women, but the last two men) and five mentors; one person
    in a program nobody funds; and the tenant's snapshot built."""
    with tenant_context(tenant):
        program = program_create_from_template(
            template_key="kvinna", status="open", slug=slug
        )
        program.name = name
        program.funders = [funder.pk]
        program.save()
        for index, first_name in enumerate(names):
            person = ParticipantFactory(
                program=program,
                first_name=first_name,
                gender="man" if index >= len(names) - 2 else "woman",
                phone="+46705550101",
                confirmed_at=timezone.now(),
            )
            report_facts_record(person)
        for number in range(MENTORS):
            mentor = ParticipantFactory(
                program=program,
                side_key="b",
                first_name=f"Birgitta{number}",
                confirmed_at=timezone.now(),
            )
            report_facts_record(mentor)
        unfunded = program_create_from_template(
            template_key="mentorskap", status="open", slug=f"m-{slug}"
        )
        report_facts_record(
            ParticipantFactory(
                program=unfunded, first_name="Ingrid", confirmed_at=timezone.now()
            )
        )
        tenant_snapshot_build(tenant)
    connection.set_schema_to_public()
    return program


def _table(response, key: str) -> list[list]:
    return next(t for t, _chart in response.context["tables"] if t.key == key).rows


def _pdf_text(data: bytes) -> str:
    streams = re.findall(rb"stream\r?\n(.*?)endstream", data, re.S)
    text = b""
    for stream in streams:  # reportlab's: ASCII85, then Flate
        text += zlib.decompress(base64.a85decode(stream.strip(), adobe=True))
    # The strings drawn, their escapes undone (octal codes in WinAnsi, "\(").
    drawn = re.findall(rb"\(((?:\\.|[^\\)])*)\) Tj", text)
    return "\n".join(
        re.sub(
            rb"\\([0-7]{3}|.)",
            lambda m: bytes([int(m[1], 8)]) if m[1].isdigit() else m[1],
            string,
        ).decode("cp1252")
        for string in drawn
    )


@pytest.fixture
def funded_this_month(alpha, beta) -> tuple[str, dict]:
    """One funder of a program in alpha (7 participants) and one in beta (6),
    five mentors each; (this month, the report's query for it)."""
    funder = _funder(alpha, beta)
    _program(alpha, funder, name="Kv(in)na Alfa", names=ALPHA_NAMES)
    _program(beta, funder, name="Kv(in)na Beta", names=BETA_NAMES)
    month = timezone.localdate().strftime("%Y-%m")
    return month, {"funder": funder.pk, "start": month, "end": month}


def test_the_operators_funder_report_counts_by_hand_and_hides_small_cells(
    funded_this_month,
):
    client = operator_signed_in("rapportor")
    month, query = funded_this_month

    page = client.get("/operator/reports/funders/", query, HTTP_HOST=PUBLIC_HOST)

    assert page.status_code == 200
    heading = dict(page.context["report_lines"])
    assert heading["Finansiär"] == "Länsstyrelsen i Stockholms län (202100-2312)"
    assert (
        heading["Program"] == "Alpha Kompis: Kv(in)na Alfa; Beta Kompis: Kv(in)na Beta"
    )
    # Alpha: 7 participants, 5 mentors; Beta: 6 and 5; nobody matched yet.
    assert [row[:4] for row in _table(page, "programs")] == [
        ["Alpha Kompis: Kv(in)na Alfa", 7, 5, 0],
        ["Beta Kompis: Kv(in)na Beta", 6, 5, 0],
        ["Alla programmen", 13, 10, 0],
    ]
    # Four men among the participants, none among the mentors: the 4 is under
    # five; the zero beside it and the women's figures above would give it away
    # from the totals, so they are withheld; the totals stay.
    assert _table(page, "gender") == [
        ["Man", "<5", ".."],
        ["Kvinna", "..", ".."],
        ["Alla som började", 13, 10],
    ]
    # The unfunded programs' people are not counted anywhere.
    assert "Ingrid" not in page.content.decode()
    assert _table(page, "months")[0][:2] == [month, 23]  # 13 + 10 mentors


def test_every_download_is_the_same_for_the_same_snapshot_and_names_nobody(
    funded_this_month,
):
    client = operator_signed_in("rapportor")
    month, query = funded_this_month

    files = {}
    for wanted in ("csv", "xlsx", "pdf"):
        first = client.get(
            "/operator/reports/funders/",
            {**query, "format": wanted},
            HTTP_HOST=PUBLIC_HOST,
        )
        time.sleep(1.1)  # a writer that stamps the time would now differ
        again = client.get(
            "/operator/reports/funders/",
            {**query, "format": wanted},
            HTTP_HOST=PUBLIC_HOST,
        )
        assert first.status_code == 200, wanted
        assert first.content == again.content, wanted
        assert first["Content-Disposition"] == (
            f'attachment; filename="finansiarsrapport-202100-2312-{month}-{month}.{wanted}"'
        )
        files[wanted] = first.content

    csv = files["csv"].decode("utf-8-sig")
    assert "Rapport,Finansiär,,Länsstyrelsen i Stockholms län (202100-2312)" in csv
    assert "Programmen,Alpha Kompis: Kv(in)na Alfa,Deltagare som började,7" in csv
    book = openpyxl.load_workbook(BytesIO(files["xlsx"]))
    assert book.sheetnames[0] == "Rapport"
    sheet = book["Programmen"]
    assert [cell.value for cell in sheet[2]][:3] == [
        "Alpha Kompis: Kv(in)na Alfa",
        7,
        5,
    ]
    pdf = _pdf_text(files["pdf"])
    assert files["pdf"].startswith(b"%PDF")
    assert "Rapport till Länsstyrelsen i Stockholms län" in pdf
    assert "Alpha Kompis: Kv(in)na Alfa; Beta Kompis: Kv(in)na Beta" in pdf
    # Nothing that names anyone, in any of the files.
    everything = (
        csv
        + pdf
        + " ".join(
            str(cell.value)
            for ws in book.worksheets
            for row in ws.iter_rows()
            for cell in row
        )
    )
    for name in (*ALPHA_NAMES, *BETA_NAMES, "Birgitta", "Testsson"):
        assert name not in everything
    assert "@example.se" not in everything
    assert "705550101" not in everything


def test_a_tenants_staff_see_their_own_programs_only(alpha, beta):
    funder = _funder(alpha, beta)
    only_alpha = partner_organisation_upsert(
        name="Stiftelsen för kvinnors etablering",
        organisation_number="802014-6588",
        role="funder",
    )
    partnership_add(tenant=alpha, organisation=only_alpha)
    _program(alpha, funder, name="Kv(in)na Alfa", names=ALPHA_NAMES)
    _program(beta, funder, name="Kv(in)na Beta", names=BETA_NAMES)
    coordinator = signed_in(alpha, ALPHA_HOST, group=COORDINATORS)
    theirs = signed_in(beta, BETA_HOST, group=COORDINATORS)
    editor = signed_in(alpha, ALPHA_HOST, group=EDITORS, username="redaktor")
    month = timezone.localdate().strftime("%Y-%m")
    query = {"funder": funder.pk, "start": month, "end": month}

    ours = coordinator.get("/admin/rapporter/finansiarer/", query, HTTP_HOST=ALPHA_HOST)
    csv = coordinator.get(
        "/admin/rapporter/finansiarer/",
        {**query, "format": "csv"},
        HTTP_HOST=ALPHA_HOST,
    )
    beta_page = theirs.get("/admin/rapporter/finansiarer/", query, HTTP_HOST=BETA_HOST)
    not_beta_funder = theirs.get(
        "/admin/rapporter/finansiarer/", {"funder": only_alpha.pk}, HTTP_HOST=BETA_HOST
    )
    refused = editor.get("/admin/rapporter/finansiarer/", HTTP_HOST=ALPHA_HOST)

    assert [row[0] for row in _table(ours, "programs")] == [
        "Alpha Kompis: Kv(in)na Alfa",
        "Alla programmen",
    ]
    assert "Kv(in)na Beta" not in csv.content.decode("utf-8-sig")
    assert "Kv(in)na Alfa" not in beta_page.content.decode()
    assert _table(beta_page, "programs")[0][0] == "Beta Kompis: Kv(in)na Beta"
    assert not_beta_funder.status_code == 400
    assert refused.status_code in (302, 403)


def test_without_a_funder_named_the_page_says_what_to_do(alpha):
    coordinator = signed_in(alpha, ALPHA_HOST, group=COORDINATORS)
    client = operator_signed_in("rapportor")

    tenant_page = coordinator.get("/admin/rapporter/finansiarer/", HTTP_HOST=ALPHA_HOST)
    operator_page = client.get("/operator/reports/funders/", HTTP_HOST=PUBLIC_HOST)
    bad = client.get(
        "/operator/reports/funders/",
        {"funder": "x", "start": "2026-13"},
        HTTP_HOST=PUBLIC_HOST,
    )

    assert "Inget program anger en finansiär än" in tenant_page.content.decode()
    assert "Inget program anger en finansiär än" in operator_page.content.decode()
    assert bad.status_code == 400
    assert "Inget program anger en finansiär än" in bad.content.decode()
