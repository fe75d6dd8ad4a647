"""The operator console is Swedish by default, whatever the browser asks for,
and English when the operator chooses it; staff in a tenant's admin read Swedish
unless they chose English in their account (tests/matching/participants/
test_admin_list.py)."""

from django.test import Client

from tests.factories import operator_user, second_step_passed

PUBLIC_HOST = "localhost"


def _operator(db) -> Client:
    user = operator_user("operatorn")
    client = Client()
    client.force_login(user)
    second_step_passed(client, user, PUBLIC_HOST)
    return client


def test_the_console_is_swedish_even_for_an_english_browser(db):
    operator = _operator(db)
    body = operator.get(
        "/operator/", HTTP_HOST=PUBLIC_HOST, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9"
    ).content.decode()
    assert '<html lang="sv">' in body
    assert "<h1>Kunder</h1>" in body and "Granskningslogg" in body


def test_the_operator_chooses_english_and_back(db):
    operator = _operator(db)
    response = operator.post(
        "/i18n/setlang/",
        {"language": "en", "next": "/operator/"},
        HTTP_HOST=PUBLIC_HOST,
    )
    assert response.status_code == 302 and response["Location"] == "/operator/"
    body = operator.get("/operator/", HTTP_HOST=PUBLIC_HOST).content.decode()
    assert '<html lang="en">' in body and "<h1>Tenants</h1>" in body
    operator.post("/i18n/setlang/", {"language": "sv"}, HTTP_HOST=PUBLIC_HOST)
    body = operator.get("/operator/", HTTP_HOST=PUBLIC_HOST).content.decode()
    assert "<h1>Kunder</h1>" in body


def test_arabic_is_not_a_console_language(db):
    operator = _operator(db)
    operator.cookies["django_language"] = "ar"
    body = operator.get("/operator/", HTTP_HOST=PUBLIC_HOST).content.decode()
    assert '<html lang="sv">' in body
