"""Services enqueue tasks by name. In a process where no test imported
matching.tasks (a web process, `make demo`), the names must still be registered:
otherwise Celery sends the task to a broker nobody reads, even without a broker
configured, and a matching run or a message waits forever."""

import os
import subprocess
import sys

import pytest

from tests.workers import ROOT

CHECK = """
import django
django.setup()
from celery import current_app
from matching.outbox.dispatch import {names}
missing = [n for n in ({names},) if n not in current_app.tasks]
print("missing:", missing)
raise SystemExit(1 if missing else 0)
"""


def test_the_task_names_are_registered_when_django_starts():
    names = "MESSAGE_SEND, MATCH_RUN_EXECUTE"
    result = subprocess.run(
        [sys.executable, "-c", CHECK.format(names=names)],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]


def test_an_unknown_task_name_is_a_programming_error_not_a_lost_message():
    from matching.outbox.dispatch import task_enqueue

    with pytest.raises(KeyError):
        task_enqueue(name="matching.tasks.no_such_task", args=[], schema_name="x")
