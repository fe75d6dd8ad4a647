"""`manage.py check --deploy` with the production settings: the one warning left
is HSTS preload, which platform/RUNBOOK.md explains (an operator's decision)."""

import os
import re
import subprocess
import sys

from tests.workers import ROOT


def test_the_deploy_check_leaves_only_the_explained_warning():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "a-production-like-secret-" + "k3y" * 20,
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = done.stdout + done.stderr
    found = set(re.findall(r"\(([\w.]+\.[WE]\d{3})\)", output))

    assert found == {"security.W021"}, output
    assert "security.W021" in (ROOT / "platform" / "RUNBOOK.md").read_text()
