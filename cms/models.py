"""The page types of a tenant's landing site. Declarative: reads live in selectors."""

from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from cms.blocks import (
    BodyBlock,
    ContactPersonsBlock,
    PartnersBlock,
    QuestionsBlock,
    QuotesBlock,
    StepsBlock,
)

# The anchor of the sign-up section on a program page; the registration form of
# the matching app is placed there, and teasers and the hero link to it.
SIGNUP_ANCHOR = "anmalan"


class SitePage(Page):
    """Base of the site's page types: Wagtail's page with a one-query lookup of the
    view restrictions that apply to it (Wagtail's own takes two on every view)."""

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        # Restrictions on this page or an ancestor (their path is a prefix of this
        # path), or on the source of this page or of any ancestor that is an alias
        # (a translation's parents may be aliases of the Swedish pages).
        aliased_sources = Page.objects.filter(
            Q(pk=self.pk) | Q(path=Substr(Value(self.path), 1, Length("path"))),
            alias_of__isnull=False,
        ).values("alias_of_id")
        # Evaluated once per instance: Wagtail's serve checks it, and the page
        # cache asks again (cms.wagtail_hooks) from the same instance.
        if getattr(self, "_view_restrictions", None) is None:
            restrictions = PageViewRestriction.objects.filter(
                Q(page__path=Substr(Value(self.path), 1, Length("page__path")))
                | Q(page_id__in=aliased_sources)
            )
            len(restrictions)
            self._view_restrictions = restrictions
        return self._view_restrictions


class HomePage(SitePage):
    """The root of a tenant's landing site (one per language)."""

    hero_heading = models.CharField(_("hero heading"), max_length=150, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Without one, the theme's hero image is shown."),
    )
    hero_cta_text = models.CharField(
        _("call to action text"), max_length=80, blank=True
    )
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("call to action page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = RichTextField(_("intro"), blank=True)
    steps = StreamField(StepsBlock(), verbose_name=_("how it works"), blank=True)
    quotes = StreamField(
        QuotesBlock(), verbose_name=_("participant quotes"), blank=True
    )
    partners = StreamField(PartnersBlock(), verbose_name=_("partners"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta_text"),
                FieldPanel("hero_cta_page"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("intro"),
        FieldPanel("steps"),
        FieldPanel("quotes"),
        FieldPanel("partners"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("hero_heading"),
        index.SearchField("hero_text"),
        index.SearchField("intro"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.ProgramPage",
        "cms.NewsIndexPage",
        "cms.StandardPage",
        "cms.FaqPage",
        "cms.ContactPage",
        "cms.AccessibilityStatementPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import home_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_page_context(page=self, request=request))
        return context


class ProgramPage(SitePage):
    """A program that people sign up for: who it is for, what it asks, how to join."""

    summary = models.TextField(
        _("summary"), max_length=300, help_text=_("Shown on the home page teaser.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    audience = RichTextField(_("who it is for"), blank=True)
    commitment_summary = models.CharField(
        _("commitment in short"),
        max_length=150,
        blank=True,
        help_text=_("For example: at least three meetings in six months"),
    )
    commitment = RichTextField(_("what it asks of you"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("more content"), blank=True)
    signup_heading = models.CharField(
        _("sign-up heading"),
        max_length=150,
        blank=True,
        help_text=_('Without one: "How to sign up" in the page\'s language.'),
    )
    signup_text = RichTextField(_("how to sign up"), blank=True)
    signup_open = models.BooleanField(_("sign-up open"), default=True)
    registration_program = models.SlugField(
        _("registration form of program"),
        max_length=60,
        blank=True,
        help_text=_(
            "The program's address under Matchning → Program; its sign-up links "
            "show in the sign-up section."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("audience"),
        FieldPanel("commitment_summary"),
        FieldPanel("commitment"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("signup_heading"),
                FieldPanel("signup_text"),
                FieldPanel("signup_open"),
                FieldPanel("registration_program"),
            ],
            heading=_("Sign-up"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("audience"),
        index.SearchField("commitment"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.StandardPage", "cms.FaqPage"]

    signup_anchor = SIGNUP_ANCHOR

    def registration_sides(self) -> list[dict]:
        if not (self.signup_open and self.registration_program):
            return []
        from matching.programs.selectors import program_signup_sides

        return program_signup_sides(slug=self.registration_program)

    class Meta:
        verbose_name = _("program page")


class NewsIndexPage(SitePage):
    intro = RichTextField(_("intro"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index page")

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import news_page_list

        context = super().get_context(request, *args, **kwargs)
        context["news_pages"] = news_page_list(
            index=self, page_number=request.GET.get("sida")
        )
        return context


class NewsPage(SitePage):
    """A news item or press release."""

    date = models.DateField(_("date"))
    summary = models.TextField(_("summary"), max_length=300, blank=True)
    is_press_release = models.BooleanField(_("press release"), default=False)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    contacts = StreamField(
        ContactPersonsBlock(),
        verbose_name=_("contact persons"),
        blank=True,
    )

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("is_press_release"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("contacts"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news page")
        ordering = ["-date"]


class StandardPage(SitePage):
    body = RichTextField(_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage", "cms.ProgramPage"]
    subpage_types = ["cms.StandardPage", "cms.FaqPage"]

    class Meta:
        verbose_name = _("standard page")


class FaqPage(SitePage):
    intro = RichTextField(_("intro"), blank=True)
    questions = StreamField(QuestionsBlock(), verbose_name=_("questions"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("questions"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("questions"),
    ]
    parent_page_types = ["cms.HomePage", "cms.StandardPage", "cms.ProgramPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("FAQ page")


class ContactPage(SitePage):
    intro = RichTextField(_("intro"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.TextField(_("postal address"), blank=True)
    contacts = StreamField(
        ContactPersonsBlock(),
        verbose_name=_("contact persons"),
        blank=True,
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("address"),
        FieldPanel("contacts"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("contact page")


class AccessibilityStatementPage(SitePage):
    """Tillgänglighetsredogörelse, as the Swedish law on accessibility of digital
    public services (2018:1937) asks of every municipal site."""

    class Compliance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    compliance = models.CharField(
        _("compliance with WCAG 2.1 AA"),
        max_length=10,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
    )
    body = RichTextField(_("statement"), blank=True)
    known_issues = RichTextField(_("known accessibility issues"), blank=True)
    report_email = models.EmailField(
        _("e-mail for reporting a defect"),
        blank=True,
        help_text=_("Where visitors report accessibility problems."),
    )
    report_phone = models.CharField(_("phone"), max_length=40, blank=True)
    assessed_on = models.DateField(_("last assessed"), null=True, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("compliance"),
        FieldPanel("body"),
        FieldPanel("known_issues"),
        FieldPanel("report_email"),
        FieldPanel("report_phone"),
        FieldPanel("assessed_on"),
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("accessibility statement")
