"""A program's rules as data, and what is wrong with them: sides, questions,
criteria and hard constraints checked as a whole, as the engine will read them."""

import numbers

from matching.models import Criterion, HardConstraint, Program, Question
from matching.programs.message_checks import message_template_problems
from matching.programs.municipalities import MUNICIPALITIES

SIDES_COUNT = "A program has exactly two sides (a and b); this one has {count}."
SIDE_NAME_EMPTY = "Side {key!r} needs a name."
SIDE_AGES = "Side {key!r}: the minimum age {low} is above the maximum age {high}."
SIDE_CAPACITY = (
    "Side {key!r}: the default capacity {default} is above the maximum {high}."
)
SIDE_MUNICIPALITY = "Side {key!r}: {code!r} is not a municipality code we know."
SIDE_GENDER = "Side {key!r}: {gender!r} is not a gender the form asks about."
SIDE_REQUIRED_ANSWER = (
    "Side {key!r} requires an answer to {question!r}, which the program does not have."
)
QUESTION_DUPLICATE = "Two questions have the key {key!r}."
QUESTION_KIND = "Question {key!r} has an unknown kind {kind!r}."
QUESTION_CHOICES = "Question {key!r} is a choice question but has no choices."
CRITERION_KIND = "Criterion {number} has an unknown kind {kind!r}."
CRITERION_QUESTION = (
    "Criterion {number} ({kind}) refers to the question {question!r}, "
    "which the program does not have."
)
CRITERION_WEIGHT = (
    "Criterion {number} ({kind}) has a weight that is not a number: {weight!r}."
)
CONSTRAINT_QUESTION = (
    "Hard constraint {number} ({kind}) refers to the question {question!r}, "
    "which the program does not have."
)
CRITERION_RULE = "Criterion {number} ({kind}): {field} {message}."
CRITERION_SESSION_THEME = (
    "Criterion {number} (session_theme) scores the theme of a session, but the "
    "program is not matched per session."
)
CONSTRAINT_KIND = "Hard constraint {number} has an unknown kind {kind!r}."
CONSTRAINT_RULE = "Hard constraint {number} ({kind}): {field} {message}."
NEEDS_QUESTION = {
    Criterion.Kind.SHARED_ANSWERS,
    Criterion.Kind.SAME_ANSWER,
    Criterion.Kind.NUMBER_CLOSENESS,
    Criterion.Kind.CHILDREN_AGES,
    Criterion.Kind.AVAILABILITY,
    Criterion.Kind.STATED_PREFERENCE,
    Criterion.Kind.SESSION_THEME,
}
GENDERS = {"woman", "man", "non_binary", "unstated"}


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _engine_problem(*, criterion=None, constraint=None) -> tuple[str, str] | None:
    """The engine's own validator on a problem holding one rule: (field, message)
    of what is wrong with it, the field without its "criteria[0]." prefix."""
    from matching.engine.problem import Problem, ProblemError, validate_problem

    problem = Problem(
        side_a=[],
        side_b=[],
        criteria=[criterion] if criterion is not None else [],
        constraints=[constraint] if constraint is not None else [],
        session_theme="",  # whether a theme is there is checked by the caller
    )
    try:
        validate_problem(problem)
    except ProblemError as error:
        field = error.field.split(".", 1)[1] if "." in error.field else error.field
        return field, error.message
    return None


def _criterion_engine_problem(number: int, criterion: dict) -> str | None:
    from matching.engine.problem import Criterion as EngineCriterion

    found = _engine_problem(
        criterion=EngineCriterion(
            kind=criterion.get("kind"),
            key=criterion.get("question_key") or "",
            weight=criterion.get("weight", 1.0),
            params=criterion.get("params")
            if criterion.get("params") is not None
            else {},
        )
    )
    if found is None:
        return None
    return CRITERION_RULE.format(
        number=number, kind=criterion.get("kind"), field=found[0], message=found[1]
    )


def _constraint_engine_problem(number: int, constraint: dict) -> str | None:
    from matching.engine.problem import Constraint as EngineConstraint

    found = _engine_problem(
        constraint=EngineConstraint(
            kind=constraint.get("kind"),
            key=constraint.get("question_key") or "",
            params=constraint.get("params")
            if constraint.get("params") is not None
            else {},
        )
    )
    if found is None:
        return None
    return CONSTRAINT_RULE.format(
        number=number, kind=constraint.get("kind"), field=found[0], message=found[1]
    )


def program_rules_problems(
    *,
    sides: list[dict],
    questions: list[dict],
    criteria: list[dict],
    constraints: list[dict],
    messages: list[dict] = (),
    per_session: bool | None = None,
) -> list[str]:
    """Everything wrong with a program's rules, in words a coordinator understands.

    Works on plain dicts so the admin form, the API and templates share it. Each
    criterion and constraint also goes through the engine's own validator, so a
    run never fails on rules accepted here. `per_session` None skips the check
    that a session-theme criterion belongs to a per-session program.
    """
    problems = []
    question_keys = [q.get("key") for q in questions]
    seen = set()
    for question in questions:
        key = question.get("key")
        if key in seen:
            problems.append(QUESTION_DUPLICATE.format(key=key))
        seen.add(key)
        if question.get("kind") not in Question.Kind.values:
            problems.append(QUESTION_KIND.format(key=key, kind=question.get("kind")))
        elif question["kind"] in (
            Question.Kind.SINGLE_CHOICE,
            Question.Kind.MULTIPLE_CHOICE,
        ) and not question.get("choices"):
            problems.append(QUESTION_CHOICES.format(key=key))
    if len(sides) != 2 or {s.get("key") for s in sides} != {"a", "b"}:
        problems.append(SIDES_COUNT.format(count=len(sides)))
    for side in sides:
        key = side.get("key")
        if not (side.get("name_sv") or "").strip():
            problems.append(SIDE_NAME_EMPTY.format(key=key))
        low, high = side.get("min_age"), side.get("max_age")
        if low is not None and high is not None and low > high:
            problems.append(SIDE_AGES.format(key=key, low=low, high=high))
        default, top = side.get("capacity_default", 1), side.get("capacity_max", 1)
        if default > top:
            problems.append(SIDE_CAPACITY.format(key=key, default=default, high=top))
        for code in side.get("municipalities") or []:
            if code not in MUNICIPALITIES:
                problems.append(SIDE_MUNICIPALITY.format(key=key, code=code))
        for gender in side.get("genders") or []:
            if gender not in GENDERS:
                problems.append(SIDE_GENDER.format(key=key, gender=gender))
        for question in side.get("required_answers") or {}:
            if question not in question_keys:
                problems.append(SIDE_REQUIRED_ANSWER.format(key=key, question=question))
    for number, criterion in enumerate(criteria, start=1):
        kind = criterion.get("kind")
        if kind not in Criterion.Kind.values:
            problems.append(CRITERION_KIND.format(number=number, kind=kind))
            continue
        if not _is_number(criterion.get("weight", 1.0)):
            problems.append(
                CRITERION_WEIGHT.format(
                    number=number, kind=kind, weight=criterion.get("weight")
                )
            )
        question = criterion.get("question_key") or ""
        if kind in NEEDS_QUESTION and question not in question_keys:
            problems.append(
                CRITERION_QUESTION.format(number=number, kind=kind, question=question)
            )
            continue
        if kind == Criterion.Kind.SESSION_THEME and per_session is False:
            problems.append(CRITERION_SESSION_THEME.format(number=number))
        if _is_number(criterion.get("weight", 1.0)):
            found = _criterion_engine_problem(number, criterion)
            if found:
                problems.append(found)
    for number, constraint in enumerate(constraints, start=1):
        if constraint.get("kind") not in HardConstraint.Kind.values:
            problems.append(
                CONSTRAINT_KIND.format(number=number, kind=constraint.get("kind"))
            )
            continue
        question = constraint.get("question_key") or ""
        if constraint.get("kind") == HardConstraint.Kind.SAME_ANSWER and (
            question not in question_keys
        ):
            problems.append(
                CONSTRAINT_QUESTION.format(
                    number=number, kind=constraint.get("kind"), question=question
                )
            )
            continue
        found = _constraint_engine_problem(number, constraint)
        if found:
            problems.append(found)
    for message in messages:
        problems.extend(
            message_template_problems(
                key=message.get("key") or "",
                channel=message.get("channel") or "",
                language=message.get("language") or "",
                subject=message.get("subject") or "",
                body=message.get("body") or "",
            )
        )
    return problems


def program_rules_of(program: Program) -> dict:
    """A program's rules as plain data (for validation, the API and the engine)."""
    return {
        "sides": list(
            program.sides.values(
                "key",
                "name_sv",
                "capacity_default",
                "capacity_max",
                "genders",
                "min_age",
                "max_age",
                "municipalities",
                "required_answers",
            )
        ),
        "questions": list(program.questions.values("key", "kind", "choices", "sides")),
        "criteria": list(
            program.criteria.values("kind", "question_key", "weight", "params")
        ),
        "constraints": list(
            program.constraints.values("kind", "question_key", "params")
        ),
        "messages": list(
            program.message_templates.values(
                "key", "channel", "language", "subject", "body"
            )
        ),
        "per_session": program.per_session,
    }
