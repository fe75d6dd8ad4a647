"""Staff API tokens moved to django-rest-knox (stored as hashes, with expiry):
the readable tokens of DRF's authtoken table are dropped, not converted."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("matching", "0010_verbose_names")]

    operations = [
        migrations.RunSQL(
            "DROP TABLE IF EXISTS authtoken_token CASCADE", migrations.RunSQL.noop
        )
    ]
