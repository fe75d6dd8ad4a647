"""`make test` and the image install from lock files; they must pin what
pyproject.toml asks for, or a fresh clone would not get the versions CI tested."""

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        if "==" in line and not line.startswith(("#", " ")):
            name, version = line.split("==")
            pins[_normal(name)] = version.strip()
    return pins


def _asked(requirements: list[str]) -> dict[str, str]:
    asked = {}
    for requirement in requirements:
        name, version = requirement.split("==")
        asked[_normal(name.split("[")[0])] = version
    return asked


PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


@pytest.mark.parametrize(
    ("lock", "requirements"),
    [
        ("production.lock", PROJECT["dependencies"]),
        ("dev.lock", PROJECT["dependencies"] + PROJECT["optional-dependencies"]["dev"]),
    ],
)
def test_the_lock_pins_what_pyproject_asks_for(lock, requirements):
    pins = _pins(ROOT / "requirements" / lock)
    wrong = {
        name: (version, pins.get(name))
        for name, version in _asked(requirements).items()
        if pins.get(name) != version
    }
    assert not wrong, f"run `make lock`: {wrong} (pyproject, {lock})"


def test_the_engine_runs_without_the_dev_tools():
    assert "scipy" not in _pins(ROOT / "requirements" / "production.lock")
