from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from themes.contrast import (
    BODY_TEXT_MINIMUM,
    LARGE_TEXT_MINIMUM,
    ColourPair,
    failing_pairs,
    is_hex_colour,
    ratio_label,
)

WHITE = "#ffffff"

# What each base theme puts behind and in front of the tenant's colours.
BASE_THEME_COLOURS = {
    "kompis": {"background": "#ffffff", "text": "#1a1a1a"},
    "calm": {"background": "#f6f3ee", "text": "#22252a"},
}

FONT_STACKS = {
    "system": 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", '
    "Ubuntu, Cantarell, sans-serif",
    "humanist": 'Seravek, "Gill Sans Nova", Ubuntu, Calibri, "DejaVu Sans", '
    "source-sans-pro, sans-serif",
    "serif": 'Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif',
    "rounded": 'ui-rounded, "Hiragino Maru Gothic ProN", Quicksand, Comfortaa, '
    'Manjari, "Arial Rounded MT", Calibri, sans-serif',
}

CONTRAST_TOO_LOW = _(
    "%(pair)s: %(foreground)s on %(background)s has a contrast of %(ratio)s; "
    "WCAG 2.1 AA needs at least %(minimum)s."
)
COLOUR_INVALID = _("Enter a colour as #rrggbb, for example #1d4f91.")


@register_setting(icon="image")
class ThemeSettings(BaseSiteSetting):
    """A site's look: base theme, colours, font and images, served as CSS custom
    properties, so rebranding a tenant needs no code change."""

    class BaseTheme(models.TextChoices):
        KOMPIS = "kompis", "Kompis"
        CALM = "calm", _("Calm")

    class Font(models.TextChoices):
        SYSTEM = "system", _("System font (fast, neutral)")
        HUMANIST = "humanist", _("Humanist sans-serif")
        SERIF = "serif", _("Serif")
        ROUNDED = "rounded", _("Rounded")

    base_theme = models.CharField(
        _("base theme"),
        max_length=20,
        choices=BaseTheme.choices,
        default=BaseTheme.KOMPIS,
    )
    primary_colour = models.CharField(
        _("primary colour"),
        max_length=7,
        default="#1d4f91",
        help_text=_("Header, buttons and links; white text is shown on it."),
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default="#f2b705",
        help_text=_("Call to action and highlights; dark text is shown on it."),
    )
    font = models.CharField(
        _("font"), max_length=20, choices=Font.choices, default=Font.SYSTEM
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    favicon = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("favicon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A square image, at least 64 × 64 pixels."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on home pages that have no hero image of their own."),
    )

    # One query for the setting and its images on every page.
    select_related = ["logo", "favicon", "hero_image"]

    panels = [
        FieldPanel("base_theme"),
        MultiFieldPanel(
            [FieldPanel("primary_colour"), FieldPanel("accent_colour")],
            heading=_("Colours"),
        ),
        FieldPanel("font"),
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("favicon"), FieldPanel("hero_image")],
            heading=_("Images"),
        ),
    ]

    class Meta:
        verbose_name = _("theme")

    @property
    def background_colour(self) -> str:
        return BASE_THEME_COLOURS[self.base_theme]["background"]

    @property
    def text_colour(self) -> str:
        return BASE_THEME_COLOURS[self.base_theme]["text"]

    @property
    def font_stack(self) -> str:
        return FONT_STACKS.get(self.font, FONT_STACKS["system"])

    def colour_pairs(self) -> list[ColourPair]:
        """The colour combinations the base themes' CSS actually shows."""
        return [
            ColourPair(
                name=str(_("White text on the primary colour (header, buttons)")),
                foreground=WHITE,
                background=self.primary_colour,
                minimum=BODY_TEXT_MINIMUM,
            ),
            ColourPair(
                name=str(_("Links in the primary colour on the page background")),
                foreground=self.primary_colour,
                background=self.background_colour,
                minimum=BODY_TEXT_MINIMUM,
            ),
            ColourPair(
                name=str(_("Large text and controls on the accent colour")),
                foreground=self.text_colour,
                background=self.accent_colour,
                minimum=LARGE_TEXT_MINIMUM,
            ),
        ]

    def clean(self):
        super().clean()
        errors = {}
        for field in ("primary_colour", "accent_colour"):
            value = (getattr(self, field) or "").strip().lower()
            if not is_hex_colour(value) or len(value) != 7:
                errors[field] = COLOUR_INVALID
            setattr(self, field, value)
        if errors:
            raise ValidationError(errors)
        problems = {}
        for pair in failing_pairs(self.colour_pairs()):
            field = (
                "primary_colour"
                if self.primary_colour in (pair.foreground, pair.background)
                else "accent_colour"
            )
            problems.setdefault(field, []).append(
                CONTRAST_TOO_LOW
                % {
                    "pair": pair.name,
                    "foreground": pair.foreground,
                    "background": pair.background,
                    "ratio": ratio_label(pair.ratio),
                    "minimum": ratio_label(pair.minimum),
                }
            )
        if problems:
            raise ValidationError(problems)
