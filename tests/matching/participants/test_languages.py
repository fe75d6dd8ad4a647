"""A participant reads the registration, their pages, e-mails and errors in the
language they chose (Swedish, English, Arabic), inside the tenant's own site."""

from django.test import Client
from wagtail.models import Locale, Site

from matching.models import Message, Participant
from tests.conftest import ALPHA_HOST, BETA_HOST
from tests.matching.factories import REGISTRATION_FORM as FORM
from tests.matching.inbox import link_in_last_message


def _register(client: Client, kvinna, prefix: str = "", **changes):
    return client.post(
        f"{prefix}/anmalan/{kvinna.slug}/?side=a",
        {**FORM, **changes},
        HTTP_HOST=ALPHA_HOST,
    )


def test_the_english_form_is_english_and_offers_the_languages(client, kvinna):
    body = client.get(
        f"/en/anmalan/{kvinna.slug}/?side=a", HTTP_HOST=ALPHA_HOST
    ).content.decode()
    assert '<html lang="en" dir="ltr">' in body
    assert "Date of birth" in body and "Födelsedatum" not in body
    assert "Language of our messages to you" in body
    assert '<option value="ar"' in body and '<option value="en" selected' in body


def test_the_arabic_form_is_right_to_left_and_arabic(client, kvinna):
    body = client.get(
        f"/ar/anmalan/{kvinna.slug}/?side=a", HTTP_HOST=ALPHA_HOST
    ).content.decode()
    assert '<html lang="ar" dir="rtl">' in body
    assert "تاريخ الميلاد" in body  # date of birth
    assert "أرسل التسجيل" in body  # the send button


def test_registering_in_arabic_stores_the_language_and_mails_in_it(client, kvinna):
    response = _register(client, kvinna, prefix="/ar", language="ar")
    assert response.status_code == 302
    assert response["Location"] == f"/ar/anmalan/{kvinna.slug}/tack/"
    participant = Participant.objects.get()
    assert participant.language == "ar"
    assert participant.consent_text.startswith("الغرض:")
    message = Message.objects.get(participant=participant)
    assert message.subject == f"أكّد تسجيلك في {kvinna.name}"
    assert "مرحباً Amina!" in message.body
    # The link opens their pages in Arabic.
    confirm = link_in_last_message("amina@example.se", "/ar/deltagare/bekrafta/")
    assert client.get(confirm, HTTP_HOST=ALPHA_HOST)["Location"] == "/ar/deltagare/"
    home = client.get("/ar/deltagare/", HTTP_HOST=ALPHA_HOST).content.decode()
    assert 'dir="rtl"' in home and "في قائمة الانتظار" in home  # in the queue


def test_the_language_chosen_wins_over_the_pages_language(client, kvinna):
    _register(client, kvinna, language="en")
    participant = Participant.objects.get()
    assert participant.language == "en"
    message = Message.objects.get(participant=participant)
    assert message.subject == f"Confirm your registration for {kvinna.name}"
    assert "/en/deltagare/bekrafta/" in message.body


def test_errors_come_in_the_pages_language(client, kvinna):
    english = _register(client, kvinna, prefix="/en", email="nope").content.decode()
    assert "Write a valid e-mail address" in english
    arabic = _register(client, kvinna, prefix="/ar", first_name="").content.decode()
    assert "املأ الاسم الأول." in arabic  # fill in first name
    assert not Participant.objects.exists()


def test_an_unknown_language_is_refused_clearly_and_nothing_is_saved(client, kvinna):
    response = _register(client, kvinna, language="xx")
    assert response.status_code == 400
    assert "Välj ett språk i listan." in response.content.decode()
    assert not Participant.objects.exists()


def test_the_participant_pages_are_inside_the_tenants_site(client, alpha, kvinna):
    home = Site.objects.get(is_default_site=True).root_page
    home.copy_for_translation(
        Locale.objects.get(language_code="en")
    ).save_revision().publish()
    body = client.get(
        f"/anmalan/{kvinna.slug}/?side=a", HTTP_HOST=ALPHA_HOST
    ).content.decode()
    assert 'class="skip-link" href="#main"' in body
    assert "themes/css/base.css" in body  # the tenant's theme
    assert 'name="robots" content="noindex"' in body
    # The language switcher leads to the same form in the other languages.
    assert f'href="/en/anmalan/{kvinna.slug}/?side=a"' in body


def test_a_link_in_another_language_does_not_open_on_another_tenants_host(
    client, alpha, kvinna
):
    _register(client, kvinna, language="en")
    confirm = link_in_last_message("amina@example.se", "/en/deltagare/bekrafta/")
    other = Client()
    assert other.get(confirm, HTTP_HOST=BETA_HOST).status_code in (400, 404)
    assert other.get("/en/deltagare/", HTTP_HOST=BETA_HOST).status_code in (302, 404)
    alpha.activate()  # a request leaves the connection in the schema it served
    assert Participant.objects.get().status == Participant.Status.PENDING


def test_the_form_offers_the_programs_languages_and_the_pages(client, alpha):
    from matching.programs.services import program_create_from_template

    alpha.activate()
    # Mentorskap has English texts (its sides and questions) but no Arabic.
    program = program_create_from_template(
        template_key="mentorskap", status="open", slug="mentorskap"
    )
    swedish = client.get(
        f"/anmalan/{program.slug}/?side=a", HTTP_HOST=ALPHA_HOST
    ).content.decode()
    assert '<option value="en">' in swedish and '<option value="ar"' not in swedish
    # On the Arabic page Arabic is offered (and chosen): the form, e-mails and
    # pages are in Arabic even where the program's own texts are Swedish.
    arabic = client.get(
        f"/ar/anmalan/{program.slug}/?side=a", HTTP_HOST=ALPHA_HOST
    ).content.decode()
    assert '<option value="ar" selected>' in arabic
    # A language the program does not have, posted by hand, is refused.
    response = client.post(
        f"/anmalan/{program.slug}/?side=a",
        {**FORM, "municipality": "0180", "language": "ar"},
        HTTP_HOST=ALPHA_HOST,
    )
    assert response.status_code == 400
    assert "Välj ett språk i listan." in response.content.decode()
