"""`python -m matching.engine PROBLEM.json`: JSON out, or a message and exit 2."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "matching" / "engine" / "example.json"


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "matching.engine", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def _problem(**changes) -> dict:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data.update(changes)
    return data


def test_example_file() -> None:
    result = _run(str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert [(p["a"], p["b"]) for p in output["pairs"]] == [
        ("ny-1", "etablerad-1"),
        ("ny-2", "etablerad-2"),
        ("ny-3", "etablerad-3"),
    ]
    first = output["pairs"][0]
    assert first["explanation"].startswith(
        "gemensamma intressen: matlagning, friluftsliv och vandring; "
        "samma hushållstyp: familj; barn i åldrarna 2 och 4 på båda sidor"
    )
    assert output["total_score"] == pytest.approx(
        sum(p["score"] for p in output["pairs"])
    )
    assert output["matched_pairs"] == 3


def test_stdin() -> None:
    result = _run("-", stdin=EXAMPLE.read_text(encoding="utf-8"))
    assert result.returncode == 0
    assert json.loads(result.stdout)["matched_pairs"] == 3


def _error(data, tmp_path: Path) -> str:
    path = tmp_path / "problem.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), "utf-8")
    result = _run(str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    message = result.stderr.strip()
    assert message.startswith(f"{path}: ")
    return message.removeprefix(f"{path}: ")


def _with_person(side: str, index: int, **fields) -> dict:
    data = _problem()
    data[side][index].update(fields)
    return data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            _with_person("side_a", 2, capacity=0),
            "side_a[2].capacity: must be a positive integer",
        ),
        (
            _with_person("side_b", 1, capacity="2"),
            "side_b[1].capacity: must be a positive integer",
        ),
        (
            _with_person("side_a", 1, waited_days=-3),
            "side_a[1].waited_days: must be a non-negative integer",
        ),
        (
            _with_person("side_b", 2, id="etablerad-1"),
            "side_b[2].id: duplicate id 'etablerad-1' on this side",
        ),
        (
            _with_person("side_a", 0, attributes={"interests": "cooking"}),
            "side_a[0].attributes.interests: must be a list of strings",
        ),
        (
            _with_person(
                "side_a",
                0,
                attributes={"household": "family", "children_ages": [2, "4"]},
            ),
            "side_a[0].attributes.children_ages: "
            "must be a list of whole-number ages from 0 to 25",
        ),
        (
            _with_person("side_b", 0, nickname="Bo"),
            "side_b[0].nickname: unknown field; expected one of: "
            "id, capacity, waited_days, attributes",
        ),
        (
            _problem(criteria=[{"kind": "shared_interests", "key": "interests"}]),
            "criteria[0].kind: unknown kind 'shared_interests'; expected one of: "
            "shared_answers, same_answer, number_closeness, children_ages, "
            "same_municipality, availability, stated_preference, session_theme",
        ),
        (
            _problem(criteria=[{"kind": "same_answer"}]),
            "criteria[0].key: required for kind 'same_answer': "
            "the question key to compare",
        ),
        (
            _problem(criteria=[{"kind": "same_answer", "key": "x", "weight": "high"}]),
            "criteria[0].weight: must be a finite number",
        ),
        (
            _problem(criteria=[{"kind": "session_theme", "key": "themes"}]),
            "session_theme: required: criteria[0] has kind 'session_theme'",
        ),
        (
            _problem(
                constraints=[{"kind": "max_age_difference", "params": {"years": -1}}]
            ),
            "constraints[0].params.years: must be a finite number, 0 or more",
        ),
        (
            _problem(objective="fastest"),
            "objective: unknown objective 'fastest'; expected one of: "
            "max_score, max_matched",
        ),
        (
            _problem(forbidden_pairs=[["ny-1"]]),
            "forbidden_pairs[0]: must be a pair of ids [a_id, b_id]",
        ),
        (_problem(side_b={}), "side_b: must be a list"),
        ({"side_a": []}, "side_b: required"),
        ([1, 2], "problem: must be an object"),
    ],
)
def test_malformed_problem(data, message: str, tmp_path: Path) -> None:
    assert _error(data, tmp_path) == message


def test_invalid_json(tmp_path: Path) -> None:
    assert _error('{"side_a": [', tmp_path).startswith(
        "not valid JSON: Expecting value"
    )


def test_missing_file(tmp_path: Path) -> None:
    result = _run(str(tmp_path / "nope.json"))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"{tmp_path / 'nope.json'}: cannot be read: No such file or directory"
    )
