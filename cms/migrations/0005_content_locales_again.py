from django.conf import settings
from django.db import migrations


def content_locales_ensure(apps, schema_editor):
    """A Locale per content language, for the languages added since 0003 (Arabic)."""
    Locale = apps.get_model("wagtailcore", "Locale")
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_program_registration_link"),
    ]

    operations = [
        migrations.RunPython(content_locales_ensure, migrations.RunPython.noop),
    ]
