from django.conf import settings
from django.db import migrations


def content_locales_ensure(apps, schema_editor):
    """Every schema gets a Locale per content language (Swedish exists already)."""
    Locale = apps.get_model("wagtailcore", "Locale")
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_landing_site_pages"),
    ]

    operations = [
        migrations.RunPython(content_locales_ensure, migrations.RunPython.noop),
    ]
