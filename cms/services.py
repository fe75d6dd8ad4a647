"""Setting up a tenant's landing site inside its schema (called by provisioning)."""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cms.models import AccessibilityStatementPage, HomePage

DEFAULT_INTRO = (
    "<p>Välkommen till {name}! Här möts nya och etablerade invånare. "
    "Snart kan du läsa mer om våra program och anmäla dig.</p>"
)

# Group and workflow names are what editors see in the Swedish admin.
EDITORS_GROUP = "Redaktörer"
PUBLISHERS_GROUP = "Publicister"
WORKFLOW_NAME = "Granskning och publicering"
APPROVAL_TASK_NAME = "Publicist godkänner"

# Wagtail's page permissions are Django permissions on wagtailcore.Page.
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
PUBLISHER_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
)
MEDIA_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)

ACCESSIBILITY_STATEMENT_SLUG = "tillganglighetsredogorelse"
ACCESSIBILITY_STATEMENT_BODY = (
    "<p>{name} står bakom den här webbplatsen. Vi vill att så många som möjligt "
    "ska kunna använda den. Här beskriver vi hur webbplatsen uppfyller lagen om "
    "tillgänglighet till digital offentlig service, kända brister och hur du kan "
    "rapportera problem till oss så att vi kan åtgärda dem.</p>"
    "<h2>Hur tillgänglig är webbplatsen?</h2>"
    "<p>Webbplatsen är byggd för att uppfylla WCAG 2.1 nivå AA: den går att "
    "använda med tangentbord och skärmläsare, texten kan förstoras och färgerna "
    "har tillräcklig kontrast.</p>"
    "<h2>Tillsyn</h2>"
    "<p>Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över "
    "lagen. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du "
    '<a href="https://www.digg.se/tdosanmalan">kontakta Digg</a>.</p>'
)


def _permissions(app_label: str, codenames) -> list[Permission]:
    return list(
        Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
    )


def editorial_groups_ensure() -> tuple[Group, Group]:
    """Redaktörer draft and submit; Publicister also approve and publish; a
    workflow on the root page sends every submission to Publicister. Idempotent;
    also run in every existing tenant by `migrate_platform` (the "roles" hook).

    The permissions hang on Wagtail's root page, so they cover every page a tenant
    will ever have; they live in the tenant's schema, so they mean nothing on
    another tenant's host.
    """
    root = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    # Both may open the admin and start a translation (simple_translation); the
    # translated page then goes through the same workflow.
    admin_access = _permissions("wagtailadmin", ["access_admin"]) + _permissions(
        "simple_translation", ["submit_translation"]
    )
    media = [
        perm
        for app_label in ("wagtailimages", "wagtaildocs")
        for perm in _permissions(
            app_label, [c for a, c in MEDIA_PERMISSIONS if a == app_label]
        )
    ]
    groups = []
    for name, page_codenames, extra in (
        (EDITORS_GROUP, EDITOR_PAGE_PERMISSIONS, []),
        (
            PUBLISHERS_GROUP,
            PUBLISHER_PAGE_PERMISSIONS,
            _permissions("themes", ["change_themesettings"]),
        ),
    ):
        group, _ = Group.objects.get_or_create(name=name)
        # Exactly these model permissions: nothing of the participants' data, even
        # if an older release or a hand edit gave the group more.
        group.permissions.set([*admin_access, *extra])
        for permission in _permissions("wagtailcore", page_codenames):
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=permission
            )
        for permission in media:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
        groups.append(group)
    editors, publishers = groups

    task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
    task.groups.set([publishers])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return editors, publishers


def template_prepare() -> None:
    """Leave only Wagtail's root page in the template, with the editorial groups
    and workflow that every cloned tenant inherits. Idempotent; runs with the
    template schema active."""
    Site.objects.all().delete()
    for page in Page.objects.filter(depth=2):
        page.delete()
    editorial_groups_ensure()


def accessibility_statement_ensure(
    *, home: HomePage, site_name: str
) -> AccessibilityStatementPage:
    """The statement the law asks of every site, under `home`; kept if it exists."""
    existing = (
        AccessibilityStatementPage.objects.child_of(home).order_by("path").first()
    )
    if existing is not None:
        return existing
    statement = AccessibilityStatementPage(
        title="Tillgänglighetsredogörelse",
        slug=ACCESSIBILITY_STATEMENT_SLUG,
        compliance=AccessibilityStatementPage.Compliance.PARTIAL,
        body=ACCESSIBILITY_STATEMENT_BODY.format(name=site_name),
        show_in_menus=False,
    )
    home.add_child(instance=statement)
    statement.save_revision().publish()
    return statement


@transaction.atomic
def site_initialise(*, tenant, hostname: str) -> HomePage:
    """Create the tenant's home page (titled with its name), its accessibility
    statement and its Wagtail Site."""
    root = Page.get_first_root_node()
    home = HomePage(
        title=tenant.name,
        slug="home",
        intro=DEFAULT_INTRO.format(name=tenant.name),
        seo_title=tenant.name,
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.create(
        hostname=hostname,
        port=settings.PLATFORM_SITE_PORT,
        site_name=tenant.name,
        root_page=home,
        is_default_site=True,
    )
    accessibility_statement_ensure(home=home, site_name=tenant.name)
    return home


def site_hostname_set(*, tenant, hostname: str) -> None:
    Site.objects.filter(is_default_site=True).update(hostname=hostname)
