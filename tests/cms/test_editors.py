"""Redaktörer draft and submit, Publicister approve; each tenant's staff only on
its own host. The groups and workflow come from the template schema."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django_tenants.utils import tenant_context
from wagtail.models import Page, Site, WorkflowState

from cms.models import StandardPage
from cms.services import EDITORS_GROUP, PUBLISHERS_GROUP, WORKFLOW_NAME
from tests.conftest import ALPHA_HOST, BETA_HOST

PASSWORD = "s3cret-pass-123"


def _member(tenant, username: str, group: str):
    with tenant_context(tenant):
        user = get_user_model().objects.create_user(
            username=username, password=PASSWORD, is_staff=True
        )
        user.groups.add(Group.objects.get(name=group))
    return user


def _signed_in(username: str, host: str) -> Client:
    client = Client()
    response = client.post(
        "/admin/login/", {"username": username, "password": PASSWORD}, HTTP_HOST=host
    )
    assert response.status_code == 302, f"{username} could not sign in on {host}"
    return client


def _page(tenant) -> int:
    with tenant_context(tenant):
        home = Site.objects.get(is_default_site=True).root_page
        page = StandardPage(title="Om oss", slug="om-oss", body="<p>Gammal text</p>")
        home.add_child(instance=page)
        page.save_revision().publish()
        return page.pk


def _edit_form(title: str) -> dict:
    return {
        "title": title,
        "slug": "om-oss",
        "body": '{"blocks":[{"key":"a","text":"Ny text","type":"unstyled",'
        '"depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
    }


def test_every_new_tenant_has_the_groups_and_the_approval_workflow(alpha, beta):
    for tenant in (alpha, beta):
        with tenant_context(tenant):
            assert Group.objects.filter(name=EDITORS_GROUP).exists()
            assert Group.objects.filter(name=PUBLISHERS_GROUP).exists()
            workflow = Page.get_first_root_node().get_workflow()
            assert workflow is not None and workflow.name == WORKFLOW_NAME


def test_editor_submits_publisher_approves_and_the_site_shows_it(alpha):
    page_id = _page(alpha)
    _member(alpha, "redaktor1", EDITORS_GROUP)
    _member(alpha, "publicist1", PUBLISHERS_GROUP)
    editor = _signed_in("redaktor1", ALPHA_HOST)

    # An editor cannot publish: asking to is only a draft.
    editor.post(
        f"/admin/pages/{page_id}/edit/",
        {**_edit_form("Om oss (utkast)"), "action-publish": "1"},
        HTTP_HOST=ALPHA_HOST,
    )
    submitted = editor.post(
        f"/admin/pages/{page_id}/edit/",
        {**_edit_form("Om JärfällaKompis"), "action-submit": "1"},
        HTTP_HOST=ALPHA_HOST,
    )
    assert submitted.status_code == 302
    public = Client()
    assert (
        "Gammal text" in public.get("/om-oss/", HTTP_HOST=ALPHA_HOST).content.decode()
    )
    with tenant_context(alpha):
        state = WorkflowState.objects.get(
            base_content_type__model="page", object_id=str(page_id)
        )
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        task_state_id = state.current_task_state.pk

    # The editor may not approve their own submission.
    editor.post(
        f"/admin/pages/workflow/action/{page_id}/approve/{task_state_id}/",
        HTTP_HOST=ALPHA_HOST,
    )
    with tenant_context(alpha):
        assert Page.objects.get(pk=page_id).title == "Om oss"

    publisher = _signed_in("publicist1", ALPHA_HOST)
    approved = publisher.post(
        f"/admin/pages/workflow/action/{page_id}/approve/{task_state_id}/",
        HTTP_HOST=ALPHA_HOST,
    )
    assert approved.status_code in (200, 302)
    with tenant_context(alpha):
        assert Page.objects.get(pk=page_id).title == "Om JärfällaKompis"
    html = public.get("/om-oss/", HTTP_HOST=ALPHA_HOST).content.decode()
    assert "Om JärfällaKompis" in html and "Ny text" in html


def test_an_editor_of_alpha_has_no_access_on_betas_host(alpha, beta):
    _member(alpha, "redaktor2", EDITORS_GROUP)
    beta_page_id = _page(beta)
    client = Client()

    refused = client.post(
        "/admin/login/",
        {"username": "redaktor2", "password": PASSWORD},
        HTTP_HOST=BETA_HOST,
    )
    assert refused.status_code == 200  # the form again: no such user on beta
    # Signed in on alpha, the session means nothing on beta's host.
    client.post(
        "/admin/login/",
        {"username": "redaktor2", "password": PASSWORD},
        HTTP_HOST=ALPHA_HOST,
    )
    assert client.get("/admin/", HTTP_HOST=ALPHA_HOST).status_code == 200
    assert client.get("/admin/", HTTP_HOST=BETA_HOST).status_code == 302
    edit = client.post(
        f"/admin/pages/{beta_page_id}/edit/",
        {**_edit_form("Kapad"), "action-submit": "1"},
        HTTP_HOST=BETA_HOST,
    )
    assert edit.status_code == 302 and "/admin/login/" in edit["Location"]
    with tenant_context(beta):
        assert Page.objects.get(pk=beta_page_id).title == "Om oss"


def test_an_editor_can_open_every_page_type_and_the_translate_form(alpha):
    _member(alpha, "redaktor3", EDITORS_GROUP)
    with tenant_context(alpha):
        home_id = Site.objects.get(is_default_site=True).root_page_id
    page_id = _page(alpha)
    editor = _signed_in("redaktor3", ALPHA_HOST)

    for model in (
        "programpage",
        "newsindexpage",
        "standardpage",
        "faqpage",
        "contactpage",
    ):
        response = editor.get(
            f"/admin/pages/add/cms/{model}/{home_id}/", HTTP_HOST=ALPHA_HOST
        )
        assert response.status_code == 200, model
    assert (
        editor.get(f"/admin/pages/{home_id}/edit/", HTTP_HOST=ALPHA_HOST).status_code
        == 200
    )
    translate = editor.get(
        f"/admin/translation/submit/page/{page_id}/", HTTP_HOST=ALPHA_HOST
    )
    assert translate.status_code == 200
