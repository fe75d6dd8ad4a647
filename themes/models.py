from django.db import models
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="image")
class ThemeSettings(BaseSiteSetting):
    class BaseTheme(models.TextChoices):
        KOMPIS = "kompis", "Kompis"
        CALM = "calm", "Calm"

    base_theme = models.CharField(
        max_length=20, choices=BaseTheme.choices, default=BaseTheme.KOMPIS
    )
    primary_colour = models.CharField(max_length=7, default="#1d4f91")
    accent_colour = models.CharField(max_length=7, default="#f2b705")

    class Meta:
        verbose_name = "theme"
