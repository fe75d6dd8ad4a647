"""Fill a demo tenant's landing site with its program's content (seed_demo hook).

Idempotent: pages are found by slug and left as they are if they exist, so a
second run, or a run after editors changed the content, adds nothing and
overwrites nothing.
"""

import io
import logging

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from cms.demo_content import ABOUT_BODY, ABOUT_TITLE, DEMO_SITES, HOME_AR, HOME_EN
from cms.models import (
    AccessibilityStatementPage,
    ContactPage,
    FaqPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    ProgramPage,
    StandardPage,
)
from cms.services import (
    EDITORS_GROUP,
    PUBLISHERS_GROUP,
    accessibility_statement_ensure,
    editorial_groups_ensure,
)
from matching.programs.selectors import program_slug_first_open

logger = logging.getLogger(__name__)

ACCESSIBILITY_STATEMENT_EN = (
    "<p>We want as many people as possible to be able to use this website. This "
    "statement describes how it meets the Swedish law on accessibility of digital "
    "public services (2018:1937), its known issues and how to report a problem "
    "to us.</p><h2>Supervision</h2><p>The Agency for Digital Government (Digg) "
    "supervises the law. If you are not satisfied with our answer, you can <a "
    'href="https://www.digg.se/tdosanmalan">contact Digg</a>.</p>'
)

ACCESSIBILITY_STATEMENT_AR = (
    "<p>نريد أن يتمكن أكبر عدد ممكن من الناس من استخدام هذا الموقع. يصف هذا البيان "
    "كيف يلبي الموقع القانون السويدي بشأن إمكانية الوصول إلى الخدمات العامة الرقمية "
    "(2018:1937)، والمشكلات المعروفة، وكيف تبلغنا عن مشكلة.</p><h2>الرقابة</h2>"
    "<p>تشرف الوكالة السويدية للإدارة الرقمية (Digg) على تطبيق القانون. إذا لم تكن "
    'راضياً عن ردنا، يمكنك <a href="https://www.digg.se/tdosanmalan">التواصل مع '
    "Digg</a>.</p>"
)
# The languages each demo site is translated into beyond Swedish: its home page,
# program page and accessibility statement.
DEMO_TRANSLATIONS = {
    "en": (HOME_EN, ACCESSIBILITY_STATEMENT_EN, "Accessibility statement"),
    "ar": (HOME_AR, ACCESSIBILITY_STATEMENT_AR, "بيان إمكانية الوصول"),
}

DEMO_EDITORS = (("redaktor", EDITORS_GROUP), ("publicist", PUBLISHERS_GROUP))


def _child_ensure(parent: Page, page: Page) -> Page:
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing is not None:
        return existing.specific
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _image_ensure(*, title: str, draw, size: tuple[int, int], description: str):
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    canvas = PILImage.new("RGB", size, "#ffffff")
    draw(ImageDraw.Draw(canvas), size)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    slug = slugify(title)[:60]
    return Image.objects.create(
        title=title,
        description=description,
        file=ImageFile(buffer, name=f"{slug}.png"),
    )


def _hero_image(*, name: str, primary: str, accent: str):
    def draw(pen, size):
        width, height = size
        pen.rectangle([0, 0, width, height], fill=accent)
        pen.ellipse(
            [width * 0.45, -height * 0.2, width * 1.2, height * 0.9], fill=primary
        )
        pen.ellipse(
            [width * 0.1, height * 0.45, width * 0.55, height * 1.3], fill="#ffffff"
        )
        pen.ellipse(
            [width * 0.62, height * 0.55, width * 0.82, height * 0.9], fill="#ffffff"
        )

    return _image_ensure(
        title=f"{name} – omslagsbild",
        draw=draw,
        size=(1280, 840),
        description="",  # decorative: the hero's heading says what it is about
    )


def _font(size: int):
    # DejaVu has å, ä and ö; Pillow's built-in font lacks some of them.
    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf", size)
    except OSError:
        return ImageFont.load_default(size=size)


def _drawn_logos_drop(*, home: HomePage) -> None:
    """Older seeds drew each partner's name as its logo, cut off when long; show
    the name instead. A logo an editor uploaded is kept."""
    blocks = list(home.partners.raw_data)
    drawn = {
        image.pk
        for image in get_image_model().objects.filter(title__startswith="Logotyp ")
    }
    if not any(b.get("value", {}).get("logo") in drawn for b in blocks):
        return
    for block in blocks:
        if block.get("value", {}).get("logo") in drawn:
            block["value"]["logo"] = None
    home.partners = blocks
    home.save_revision().publish()


def _home_fill(*, home: HomePage, content: dict, tenant) -> None:
    """Give the provisioned home page its demo content, once (while it still has
    none), so that an editor's later changes survive the next seed."""
    if home.hero_heading:
        return
    partners = list(tenant.partners.order_by("name").values_list("name", flat=True))
    theme = content["theme"]
    home.hero_heading = content["hero_heading"]
    home.hero_text = content["hero_text"]
    home.hero_cta_text = content["hero_cta_text"]
    home.hero_image = _hero_image(
        name=tenant.name, primary=theme["primary"], accent=theme["accent"]
    )
    home.intro = content["intro"]
    home.search_description = content["hero_text"][:300]
    home.steps = [("step", {"title": t, "text": x}) for t, x in content["steps"]]
    home.quotes = [
        ("quote", {"quote": q, "name": n, "role": r}) for q, n, r in content["quotes"]
    ]
    # Partners' names, not drawn logos: a drawn name is cut off when it is long.
    home.partners = [
        ("partner", {"name": p, "logo": None, "url": ""}) for p in partners
    ]
    home.save_revision().publish()


def _program_ensure(*, home: HomePage, content: dict) -> ProgramPage:
    data = content["program"]
    return _child_ensure(
        home,
        ProgramPage(
            title=data["title"],
            slug=data["slug"],
            summary=data["summary"],
            search_description=data["summary"],
            audience=data["audience"],
            commitment_summary=data["commitment_summary"],
            commitment=data["commitment"],
            signup_text=data["signup_text"],
            registration_program=program_slug_first_open(),
            show_in_menus=True,
        ),
    )


def _sections_ensure(*, home: HomePage, content: dict, tenant) -> None:
    email, phone, address = content["contact"]
    person_name, person_role = content["contact_person"]
    person = {"name": person_name, "role": person_role, "email": email, "phone": phone}
    news_index = _child_ensure(
        home,
        NewsIndexPage(
            title="Nyheter",
            slug="nyheter",
            intro="<p>Nyheter och pressmeddelanden.</p>",
            show_in_menus=True,
        ),
    )
    for day, title, summary, press in content["news"]:
        _child_ensure(
            news_index,
            NewsPage(
                title=title,
                slug=slugify(title)[:50].strip("-"),
                date=day,
                summary=summary,
                search_description=summary,
                is_press_release=press,
                body=[("paragraph", f"<p>{summary}</p>")],
                contacts=[("person", person)],
            ),
        )
    _child_ensure(
        home,
        FaqPage(
            title="Vanliga frågor",
            slug="vanliga-fragor",
            intro="<p>Hittar du inte svaret? Kontakta oss.</p>",
            questions=[
                ("question", {"question": q, "answer": f"<p>{a}</p>"})
                for q, a in content["faq"]
            ],
            show_in_menus=True,
        ),
    )
    partners = list(tenant.partners.order_by("name").values_list("name", flat=True))
    _child_ensure(
        home,
        StandardPage(
            title=ABOUT_TITLE,
            slug="om-oss",
            body=ABOUT_BODY.format(
                name=tenant.name, partners=", ".join(partners) or tenant.name
            ),
            show_in_menus=True,
        ),
    )
    _child_ensure(
        home,
        ContactPage(
            title="Kontakt",
            slug="kontakt",
            intro="<p>Välkommen att höra av dig med frågor om programmet.</p>",
            email=email,
            phone=phone,
            address=address,
            contacts=[("person", person)],
            show_in_menus=True,
        ),
    )
    statement = accessibility_statement_ensure(home=home, site_name=tenant.name)
    if not statement.report_email:
        statement.report_email = email
        statement.report_phone = phone
        statement.save_revision().publish()


def _translation_ensure(
    *, home: HomePage, program: ProgramPage, slug: str, language: str
) -> None:
    """A home page, program page and accessibility statement in `language`, made
    with Wagtail's translation copy (what simple_translation does in the admin),
    then translated. Other pages are left for the editors to translate."""
    homes, statement_body, statement_title = DEMO_TRANSLATIONS[language]
    if slug not in homes or language not in DEMO_SITES[slug]["program"]:
        return
    locale, _created = Locale.objects.get_or_create(language_code=language)
    home_tr = home.get_translation_or_none(locale)
    if home_tr is None:
        home_tr = home.copy_for_translation(locale)
        heading, text, cta = homes[slug]
        home_tr.hero_heading = heading
        home_tr.hero_text = home_tr.search_description = text
        home_tr.hero_cta_text = cta
        # Swedish text has no place on the translated page until it is translated.
        home_tr.intro = ""
        home_tr.steps = []
        home_tr.quotes = []
        home_tr.hero_cta_page = None
        home_tr.save_revision().publish()
    home_tr = home_tr.specific
    program_tr = program.get_translation_or_none(locale)
    if program_tr is None:
        program_tr = program.copy_for_translation(locale)
        for field, value in DEMO_SITES[slug]["program"][language].items():
            setattr(program_tr, field, value)
        program_tr.search_description = program_tr.summary
        program_tr.audience = ""
        program_tr.commitment = ""
        program_tr.save_revision().publish()
    # Fresh from the database: publishing a stale copy would write back an old
    # numchild, and the next child would collide with an existing tree path.
    home_tr = HomePage.objects.get(pk=home_tr.pk)
    if home_tr.hero_cta_page_id is None:
        home_tr.hero_cta_page = program_tr
        home_tr.save_revision().publish()
    statement = AccessibilityStatementPage.objects.child_of(home).first()
    if statement is not None and statement.get_translation_or_none(locale) is None:
        statement_tr = statement.copy_for_translation(locale)
        statement_tr.title = statement_title
        statement_tr.body = statement_body
        statement_tr.known_issues = ""
        statement_tr.save_revision().publish()


def _theme_ensure(*, site: Site, content: dict) -> None:
    """The program's colours, unless an editor has changed the default theme."""
    from themes.models import ThemeSettings
    from themes.services import theme_update

    theme = ThemeSettings.for_site(site)
    defaults = {
        f.name: f.default
        for f in ThemeSettings._meta.fields
        if f.name in ("base_theme", "primary_colour", "accent_colour")
    }
    if any(getattr(theme, name) != value for name, value in defaults.items()):
        return
    wanted = content["theme"]
    theme_update(
        theme=theme,
        base_theme=wanted["base_theme"],
        primary_colour=wanted["primary"],
        accent_colour=wanted["accent"],
        hero_image=_hero_image(
            name=site.site_name, primary=wanted["primary"], accent=wanted["accent"]
        ),
    )


def _demo_editors_ensure() -> None:
    from tenants.demo import demo_staff_ensure

    groups = dict(
        zip((EDITORS_GROUP, PUBLISHERS_GROUP), editorial_groups_ensure(), strict=True)
    )
    for username, group_name in DEMO_EDITORS:
        demo_staff_ensure(username=username, group=groups[group_name])


def demo_site_seed(*, tenant, port: int) -> None:
    """The seed_demo hook: the demo content of `tenant`'s site, in its active
    schema, if it is one of the demo programs. Idempotent."""
    if tenant.slug in DEMO_SITES:
        demo_site_build(tenant=tenant, program=tenant.slug)


@transaction.atomic
def demo_site_build(*, tenant, program: str) -> None:
    """Fill `tenant`'s site (its schema active) with the content of the demo
    `program` (a key of DEMO_SITES). Idempotent."""
    content = DEMO_SITES[program]
    site = Site.objects.select_related("root_page").get(is_default_site=True)
    home = site.root_page.specific
    _home_fill(home=home, content=content, tenant=tenant)
    _drawn_logos_drop(home=HomePage.objects.get(pk=home.pk))
    program_page = _program_ensure(home=home, content=content)
    _sections_ensure(home=home, content=content, tenant=tenant)
    home = HomePage.objects.get(pk=home.pk)  # fresh numchild, see _translation_ensure
    if not home.hero_cta_page_id:
        home.hero_cta_page = program_page
        home.save_revision().publish()
    for language in DEMO_TRANSLATIONS:
        _translation_ensure(
            home=home, program=program_page, slug=program, language=language
        )
    _theme_ensure(site=site, content=content)
    _demo_editors_ensure()
    logger.info("seeded the demo site of %s with %s", tenant.slug, program)
