"""A program's rules as data: two sides, eligibility, questions, criteria, constraints,
capacities, commitment and message templates. Coordinators edit them in Wagtail."""

from django import forms
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable


class TranslatedTexts(models.Model):
    """A model whose texts a participant reads has them per language as data."""

    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_(
            'Per language: {"ar": {"name": "..."}}; edited on the '
            "program's translations page."
        ),
    )

    class Meta:
        abstract = True


class Program(TranslatedTexts, ClusterableModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for registration")
        CLOSED = "closed", _("Closed")

    # Public: its sign-up page answers (closed says so) and its people may ask for
    # a new self-service link. Drafts are seen by staff only.
    PUBLIC_STATUSES = (Status.OPEN, Status.CLOSED)

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    template_key = models.CharField(max_length=40, blank=True, editable=False)
    per_session = models.BooleanField(
        _("matched per session"),
        default=False,
        help_text=_(
            "A series of sessions with a theme each; pairs are made per session."
        ),
    )
    commitment_meetings = models.PositiveSmallIntegerField(
        _("meetings asked for"), null=True, blank=True
    )
    commitment_months = models.PositiveSmallIntegerField(
        _("duration in months"), null=True, blank=True
    )
    commitment_text = models.CharField(
        _("commitment in words"),
        max_length=200,
        blank=True,
        help_text=_("e.g. minst tre träffar på sex månader"),
    )
    consent_purpose = models.TextField(_("purpose of the data"))
    consent_recipients = models.TextField(_("who sees the data"))
    retention_months = models.PositiveSmallIntegerField(
        _("months the data is kept after the program"), default=12
    )
    # The municipality's decision the retention rests on (gallringsbeslut under
    # the Archives Act); set with the months by the tenant's administrators.
    retention_decision = models.TextField(_("retention decision"), blank=True)
    retention_decision_date = models.DateField(
        _("date of the retention decision"), null=True, blank=True
    )
    # When the program last closed: its queue ends then, and retention counts
    # from it for people never matched.
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    municipalities = models.JSONField(
        _("municipalities served"),
        default=list,
        blank=True,
        help_text=_(
            "The registration form offers these; none chosen means all of Sweden."
        ),
    )
    # Partner organisations (public schema) with the role funder, by id: the
    # funders' reports count this program (reporting reads them off the snapshot).
    funders = ArrayField(
        models.PositiveIntegerField(),
        verbose_name=_("funders"),
        default=list,
        blank=True,
    )
    tracks_outcomes = models.BooleanField(
        _("asks about outcomes six months after"),
        default=False,
        help_text=_(
            "Six months after a match ends, its participant is asked what they do "
            "now (work, studies, internship); funders ask for it."
        ),
    )
    waiting_bonus_per_30_days = models.FloatField(
        _("waiting bonus per 30 days"),
        default=0.5,
        help_text=_(
            "Added to a pair's score for every 30 days its people have waited, so "
            "nobody waits forever behind better-scoring newcomers."
        ),
    )
    match_weekly = models.BooleanField(
        _("propose matches every week"),
        default=False,
        help_text=_("A run every Monday night; the proposals wait for review."),
    )
    reminder_after_days = models.PositiveSmallIntegerField(
        _("remind when no meeting is logged for (days)"), default=30
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("status"),
        FieldPanel("municipalities"),
        FieldPanel("funders"),
        MultiFieldPanel(
            [
                FieldPanel("per_session"),
                FieldPanel("commitment_meetings"),
                FieldPanel("commitment_months"),
                FieldPanel("commitment_text"),
                FieldPanel("waiting_bonus_per_30_days"),
                FieldPanel("reminder_after_days"),
                FieldPanel("match_weekly"),
                FieldPanel("tracks_outcomes"),
            ],
            heading=_("Commitment"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("consent_purpose"),
                FieldPanel("consent_recipients"),
                FieldPanel("retention_months", read_only=True),
            ],
            heading=_("Consent"),
        ),
        InlinePanel("sides", heading=_("Sides"), min_num=2, max_num=2),
        InlinePanel("questions", heading=_("Registration questions")),
        InlinePanel("criteria", heading=_("Matching criteria")),
        InlinePanel("constraints", heading=_("Hard constraints")),
        InlinePanel("message_templates", heading=_("Message templates")),
    ]

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["name"]
        permissions = [
            ("change_retention_rule", _("Can set a program's retention rule")),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Closing is a status saved from the admin, the API or a template; each
        # way passes here, so the moment is kept here.
        if self.status == self.Status.CLOSED and self.closed_at is None:
            from django.utils import timezone

            self.closed_at = timezone.now()
        elif self.status != self.Status.CLOSED:
            self.closed_at = None
        fields = kwargs.get("update_fields")
        if fields is not None and "status" in fields:
            kwargs["update_fields"] = {*fields, "closed_at"}
        super().save(*args, **kwargs)

    def clean(self):
        from django.core.exceptions import ValidationError

        from matching.programs.municipalities import MUNICIPALITIES

        codes = self.municipalities
        if not isinstance(codes, list) or any(c not in MUNICIPALITIES for c in codes):
            raise ValidationError(
                {
                    "municipalities": _(
                        "Choose municipalities by their codes, e.g. 0123."
                    )
                }
            )


class ProgramSide(TranslatedTexts):
    """One side of a program (newcomer / established, adept / mentor, ...) and who
    may register on it."""

    class Key(models.TextChoices):
        A = "a", _("First side")
        B = "b", _("Second side")

    program = ParentalKey(Program, on_delete=models.CASCADE, related_name="sides")
    key = models.CharField(max_length=1, choices=Key.choices)
    name_sv = models.CharField(_("name (Swedish)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=60, blank=True)
    description = models.TextField(_("who it is for"), blank=True)
    capacity_default = models.PositiveSmallIntegerField(
        _("matches per person"), default=1
    )
    capacity_max = models.PositiveSmallIntegerField(
        _("most matches a person may offer"), default=1
    )
    genders = models.JSONField(
        _("genders allowed"),
        default=list,
        blank=True,
        help_text=_('Empty for everyone; e.g. ["woman"].'),
    )
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    municipalities = models.JSONField(
        _("municipalities allowed"),
        default=list,
        blank=True,
        help_text=_('Municipality codes; empty for all, e.g. ["0162", "0182"].'),
    )
    min_years_in_sweden = models.PositiveSmallIntegerField(null=True, blank=True)
    max_years_in_sweden = models.PositiveSmallIntegerField(null=True, blank=True)
    required_answers = models.JSONField(
        _("required answers"),
        default=dict,
        blank=True,
        help_text=_('Question key to the answers allowed, e.g. {"employed": ["yes"]}.'),
    )

    panels = [
        FieldPanel("key"),
        FieldPanel("name_sv"),
        FieldPanel("name_en"),
        FieldPanel("description"),
        FieldPanel("capacity_default"),
        FieldPanel("capacity_max"),
        FieldPanel("genders"),
        FieldPanel("min_age"),
        FieldPanel("max_age"),
        FieldPanel("municipalities"),
        FieldPanel("min_years_in_sweden"),
        FieldPanel("max_years_in_sweden"),
        FieldPanel("required_answers"),
    ]

    class Meta:
        verbose_name = _("side")
        verbose_name_plural = _("sides")
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(fields=["program", "key"], name="unique_side_key")
        ]

    def __str__(self) -> str:
        return self.name_sv


class Question(TranslatedTexts, Orderable):
    class Kind(models.TextChoices):
        SINGLE_CHOICE = "single_choice", _("Single choice")
        MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
        TEXT = "text", _("Free text")
        NUMBER = "number", _("Number")
        DATE = "date", _("Date")
        MUNICIPALITY = "municipality", _("Municipality")
        CHILDREN_AGES = "children_ages", _("Ages of children")
        LANGUAGES = "languages", _("Languages spoken")

    class Sides(models.TextChoices):
        BOTH = "both", _("Both sides")
        A = "a", _("First side only")
        B = "b", _("Second side only")

    program = ParentalKey(Program, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(_("key"), max_length=40)
    sides = models.CharField(max_length=4, choices=Sides.choices, default=Sides.BOTH)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    label_sv = models.CharField(_("question (Swedish)"), max_length=200)
    label_en = models.CharField(_("question (English)"), max_length=200, blank=True)
    help_sv = models.CharField(max_length=300, blank=True)
    choices = models.JSONField(
        default=list,
        blank=True,
        help_text=_(
            'For choice questions: [{"value": "hiking", "sv": "Vandring", '
            '"en": "Hiking"}, ...]'
        ),
    )
    required = models.BooleanField(default=True)
    sensitive = models.BooleanField(
        _("sensitive"),
        default=False,
        help_text=_("Marked as sensitive on the form and seen by coordinators only."),
    )

    panels = [
        FieldPanel("key"),
        FieldPanel("sides"),
        FieldPanel("kind"),
        FieldPanel("label_sv"),
        FieldPanel("label_en"),
        FieldPanel("help_sv"),
        FieldPanel("choices"),
        FieldPanel("required"),
        FieldPanel("sensitive"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "key"], name="unique_question_key"
            )
        ]

    def __str__(self) -> str:
        return self.key

    def asked_of(self, side_key: str) -> bool:
        return self.sides in (self.Sides.BOTH, side_key)


class Criterion(models.Model):
    class Kind(models.TextChoices):
        SHARED_ANSWERS = "shared_answers", _("Shared answers (e.g. interests)")
        SAME_ANSWER = "same_answer", _("Same answer (e.g. education field)")
        NUMBER_CLOSENESS = "number_closeness", _("Close numbers (e.g. age)")
        CHILDREN_AGES = "children_ages", _("Close ages of children")
        SAME_MUNICIPALITY = "same_municipality", _("Same municipality")
        AVAILABILITY = "availability", _("Overlapping availability")
        STATED_PREFERENCE = "stated_preference", _("A stated preference (e.g. gender)")
        SESSION_THEME = "session_theme", _("Experience in the session's theme")

    program = ParentalKey(Program, on_delete=models.CASCADE, related_name="criteria")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    question_key = models.CharField(max_length=40, blank=True)
    weight = models.FloatField(default=1.0)
    params = models.JSONField(default=dict, blank=True)

    panels = [
        FieldPanel("kind"),
        FieldPanel("question_key"),
        FieldPanel("weight"),
        FieldPanel("params"),
    ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} × {self.weight}"


class HardConstraint(models.Model):
    class Kind(models.TextChoices):
        SAME_ANSWER = "same_answer", _("Same answer required")
        SAME_MUNICIPALITY = "same_municipality", _("Same municipality required")
        SAME_GENDER = "same_gender", _("Same gender required")
        MAX_AGE_DIFFERENCE = "max_age_difference", _("Largest age difference")
        MIN_AGE_DIFFERENCE = "min_age_difference", _("Smallest age difference")

    program = ParentalKey(Program, on_delete=models.CASCADE, related_name="constraints")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    question_key = models.CharField(max_length=40, blank=True)
    params = models.JSONField(default=dict, blank=True)

    panels = [FieldPanel("kind"), FieldPanel("question_key"), FieldPanel("params")]

    def __str__(self) -> str:
        return self.get_kind_display()


class MessageTemplate(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("SMS")

    program = ParentalKey(
        Program, on_delete=models.CASCADE, related_name="message_templates"
    )
    key = models.SlugField(max_length=40)
    channel = models.CharField(max_length=5, choices=Channel.choices)
    language = models.CharField(max_length=5, default="sv")
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()

    panels = [
        FieldPanel("key"),
        FieldPanel("channel"),
        FieldPanel("language", widget=forms.Select(choices=settings.LANGUAGES)),
        FieldPanel("subject"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "key", "channel", "language"],
                name="unique_message_template",
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.channel}, {self.language})"

    def clean(self):
        # A placeholder the message does not fill would fail (or go blank) when
        # the message is sent, long after the coordinator saved it.
        from django.core.exceptions import ValidationError

        from matching.programs.message_checks import message_template_problems

        problems = message_template_problems(
            key=self.key,
            channel=self.channel,
            language=self.language,
            subject=self.subject,
            body=self.body,
        )
        if self.language not in dict(settings.LANGUAGES):
            problems.append(
                _("Choose one of the site's languages: {languages}.").format(
                    languages=", ".join(code for code, _name in settings.LANGUAGES)
                )
            )
        if problems:
            raise ValidationError(problems)
