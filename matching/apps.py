from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = "Programs and matching"

    def ready(self):
        # Services enqueue tasks by name (matching/outbox/dispatch.py); a name is
        # only known to Celery once its module is imported, in every process (web,
        # worker, beat), or a task would go to a broker nobody reads.
        from matching import tasks  # noqa: F401
