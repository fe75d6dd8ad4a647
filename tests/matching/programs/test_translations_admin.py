"""A coordinator translates a program's own texts in the admin, sees what is
missing, and participants read them in their language; Swedish fills the gaps."""

import pytest
from django.db import transaction

from cms.services import EDITORS_GROUP
from matching.models import Message, Participant, Program
from matching.programs.translations import (
    program_translation_rows,
    program_translations_save,
)
from matching.roles import COORDINATORS
from tests.conftest import ALPHA_HOST, BETA_HOST
from tests.factories import signed_in
from tests.matching.committed import committed_program, together, told
from tests.matching.factories import REGISTRATION_FORM as FORM
from tests.workers import REDIS_SERVER


def _page(program, language="ar") -> str:
    return f"/admin/matchning/program/{program.pk}/oversattningar/{language}/"


def test_the_coordinator_sees_every_text_and_what_is_missing(alpha, kvinna):
    coordinator = signed_in(alpha, ALPHA_HOST, group=COORDINATORS)
    response = coordinator.get(_page(kvinna), HTTP_HOST=ALPHA_HOST)
    body = response.content.decode()
    assert response.status_code == 200
    # The template brought Arabic for every text but the program's name.
    rows = program_translation_rows(kvinna, "ar")
    assert len(rows) > 20
    assert [row.key for row in rows if row.missing] == ["program.name"]
    assert "1 text är inte översatt än" in body
    english = coordinator.get(_page(kvinna, "en"), HTTP_HOST=ALPHA_HOST)
    assert "texter är inte översatta än" in english.content.decode()
    assert kvinna.consent_purpose in body  # the Swedish beside each field
    # The program list links to each language with what is missing.
    listing = coordinator.get("/admin/programs/", HTTP_HOST=ALPHA_HOST).content.decode()
    assert _page(kvinna) in listing and _page(kvinna, "en") in listing


def test_translations_reach_the_participants_form_and_e_mail(client, alpha, kvinna):
    coordinator = signed_in(alpha, ALPHA_HOST, group=COORDINATORS)
    side = kvinna.sides.get(key="a")
    question = kvinna.questions.get(key="field")
    response = coordinator.post(
        _page(kvinna),
        {
            "program.name": "كفينا",
            f"side.{side.pk}.name": "متدرّبة",
            f"question.{question.pk}.label": "في أي مجال تريدين العمل؟",
            f"choice.{question.pk}.0": "الرعاية الصحية",
        },
        HTTP_HOST=ALPHA_HOST,
    )
    assert response.status_code == 302
    kvinna.refresh_from_db()
    assert kvinna.translations["ar"]["name"] == "كفينا"
    assert kvinna.name == "Kv(in)na"  # the Swedish is untouched

    form = client.get(
        f"/ar/anmalan/{kvinna.slug}/?side=a", HTTP_HOST=ALPHA_HOST
    ).content.decode()
    assert "سجّل بصفتك متدرّبة في كفينا" in form
    assert "في أي مجال تريدين العمل؟" in form and "الرعاية الصحية" in form
    # Not translated (the commitment has no English): shown in Swedish, marked
    # as Swedish for screen readers.
    english = client.get(
        f"/en/anmalan/{kvinna.slug}/?side=a", HTTP_HOST=ALPHA_HOST
    ).content.decode()
    assert (
        '<span lang="sv" class="untranslated" title="Not translated yet: shown in '
        f'Swedish">{kvinna.commitment_text}</span>'
    ) in english
    swedish = client.get(
        f"/anmalan/{kvinna.slug}/?side=a", HTTP_HOST=ALPHA_HOST
    ).content.decode()
    assert "Anmäl dig som adept till Kv(in)na" in swedish
    assert "untranslated" not in swedish

    client.post(
        f"/ar/anmalan/{kvinna.slug}/?side=a",
        {**FORM, "language": "ar"},
        HTTP_HOST=ALPHA_HOST,
    )
    alpha.activate()
    message = Message.objects.get(participant=Participant.objects.get())
    assert message.subject == "أكّد تسجيلك في كفينا"


def test_a_text_too_long_is_refused_and_nothing_is_saved(alpha, kvinna):
    coordinator = signed_in(alpha, ALPHA_HOST, group=COORDINATORS)
    response = coordinator.post(
        _page(kvinna),
        {"program.summary": "ok", "program.name": "x" * 121},
        HTTP_HOST=ALPHA_HOST,
    )
    assert response.status_code == 400
    assert "får vara högst 120 tecken" in response.content.decode()
    alpha.activate()
    kvinna.refresh_from_db()
    assert "name" not in kvinna.translations["ar"]


def test_swedish_and_unknown_languages_have_no_page(alpha, kvinna):
    coordinator = signed_in(alpha, ALPHA_HOST, group=COORDINATORS)
    assert coordinator.get(_page(kvinna, "sv"), HTTP_HOST=ALPHA_HOST).status_code == 404
    assert coordinator.get(_page(kvinna, "xx"), HTTP_HOST=ALPHA_HOST).status_code == 404


def test_an_editor_cannot_translate_a_program(alpha, kvinna):
    editor = signed_in(alpha, ALPHA_HOST, group=EDITORS_GROUP)
    response = editor.post(_page(kvinna), {"program.name": "X"}, HTTP_HOST=ALPHA_HOST)
    assert response.status_code in (302, 403)
    alpha.activate()
    kvinna.refresh_from_db()
    assert "name" not in kvinna.translations["ar"]


def test_another_tenants_host_cannot_see_or_change_the_translations(
    alpha, beta, kvinna
):
    intruder = signed_in(beta, BETA_HOST, group=COORDINATORS)
    assert intruder.get(_page(kvinna), HTTP_HOST=BETA_HOST).status_code == 404
    intruder.post(_page(kvinna), {"program.name": "X"}, HTTP_HOST=BETA_HOST)
    alpha.activate()
    kvinna.refresh_from_db()
    assert "name" not in kvinna.translations["ar"]


@pytest.mark.slow
@pytest.mark.skipif(REDIS_SERVER is None, reason="needs redis-server on PATH")
def test_two_coordinators_saving_at_once_both_keep_their_texts(
    django_db_setup, django_db_blocker
):
    with committed_program(django_db_blocker) as (alpha, program):

        def save(field, text):
            def call():
                with transaction.atomic():
                    program_translations_save(
                        program=program, language="ar", values={field: text}
                    )
                return field

            return call

        outcomes = told(
            together(
                alpha,
                save("program.name", "كفينا"),
                save("program.summary", "إرشاد للنساء"),
            )
        )
        assert sorted(outcomes) == ["program.name", "program.summary"]
        stored = Program.objects.get(pk=program.pk).translations["ar"]
        assert stored["name"] == "كفينا" and stored["summary"] == "إرشاد للنساء"


def test_an_older_program_gets_the_templates_translations_and_keeps_its_own(
    alpha, kvinna
):
    from matching.programs.services import program_template_translations_ensure

    question = kvinna.questions.get(key="field")
    choices = [{k: v for k, v in c.items() if k != "ar"} for c in question.choices]
    question.choices = choices
    question.translations = {}
    question.save()
    Program.objects.filter(pk=kvinna.pk).update(
        translations={"ar": {"summary": "نص كتبته المنسقة"}}
    )
    kvinna.refresh_from_db()

    program_template_translations_ensure(kvinna)

    kvinna.refresh_from_db()
    question.refresh_from_db()
    assert kvinna.translations["ar"]["summary"] == "نص كتبته المنسقة"  # kept
    assert kvinna.translations["ar"]["consent_purpose"].startswith("لمطابقتك")
    assert question.translations["ar"]["label"].startswith("في أي مجال")
    assert question.choices[0]["ar"] == "الرعاية الصحية"


def test_a_message_template_in_an_unknown_language_is_refused(alpha, kvinna):
    from django.core.exceptions import ValidationError

    from matching.models import MessageTemplate

    template = MessageTemplate(
        program=kvinna,
        key="match_published",
        channel="email",
        language="xx",
        subject="Hej {first_name}",
        body="Hej {first_name}!",
    )
    with pytest.raises(ValidationError) as refused:
        template.full_clean()
    assert "Välj ett av webbplatsens språk: sv, en, ar." in str(refused.value)
    template.language = "ar"
    template.full_clean()  # an Arabic version is welcome


def test_the_tenants_admin_chooses_the_languages(client, alpha, kvinna):
    from wagtail.models import Locale

    from matching.roles import ADMINISTRATORS

    administrator = signed_in(alpha, ALPHA_HOST, group=ADMINISTRATORS)
    assert administrator.get("/admin/locales/", HTTP_HOST=ALPHA_HOST).status_code == 200
    alpha.activate()
    arabic = Locale.objects.get(language_code="ar")
    response = administrator.post(
        f"/admin/locales/delete/{arabic.pk}/", HTTP_HOST=ALPHA_HOST
    )
    assert response.status_code == 302
    alpha.activate()
    assert not Locale.objects.filter(language_code="ar").exists()

    coordinator = signed_in(alpha, ALPHA_HOST, group=COORDINATORS)
    assert coordinator.get(_page(kvinna), HTTP_HOST=ALPHA_HOST).status_code == 404
    form = client.get(
        f"/anmalan/{kvinna.slug}/?side=a", HTTP_HOST=ALPHA_HOST
    ).content.decode()
    assert '<option value="ar"' not in form and '<option value="en">' in form
