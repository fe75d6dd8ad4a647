"""Who may register on a side: pure functions over plain values, kind messages."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from matching.programs.municipalities import municipality_name
from matching.programs.texts import text_in

NOT_GENDER = _("{side} in {program} is for {genders}. Thank you for your interest!")
TOO_YOUNG = _("{side} in {program} is for people who are at least {age} years old.")
TOO_OLD = _("{side} in {program} is for people who are at most {age} years old.")
WRONG_MUNICIPALITY = _("{program} is for people who live in {municipalities}.")
TOO_LONG_IN_SWEDEN = _(
    "{side} in {program} is for people who have lived in Sweden at most {years} years."
)
TOO_SHORT_IN_SWEDEN = _(
    "{side} in {program} is for people who have lived in Sweden at least {years} years."
)
ANSWER_REQUIRED = _(
    "{side} in {program} needs another answer to the question “{question}”."
)

GENDER_WORDS = {
    "woman": _("women and girls"),
    "man": _("men and boys"),
    "non_binary": _("non-binary people"),
}


@dataclass(frozen=True)
class Applicant:
    gender: str
    birth_date: date | None
    municipality: str
    arrived_in_sweden_year: int | None
    answers: dict


def age_on(birth_date: date, today: date) -> int:
    return (
        today.year
        - birth_date.year
        - ((today.month, today.day) < (birth_date.month, birth_date.day))
    )


def municipalities_listed(codes: list[str]) -> str:
    """ "Danderyd, Nacka or Salem" in the reader's language."""
    places = [municipality_name(code) for code in codes]
    if len(places) > 1:
        return ", ".join(places[:-1]) + str(_(" or ")) + places[-1]
    return places[0] if places else ""


def eligibility_problems(
    *, side, program_name: str, applicant: Applicant, question_labels: dict, today: date
) -> list[str]:
    """Why `applicant` may not register on `side` (empty when they may)."""
    names = {"side": text_in(side, "name"), "program": program_name}
    problems = []
    if side.genders and applicant.gender not in side.genders:
        genders = str(_(" and ")).join(
            str(GENDER_WORDS.get(g, g)) for g in side.genders
        )
        problems.append(NOT_GENDER.format(genders=genders, **names))
    if applicant.birth_date is not None:
        age = age_on(applicant.birth_date, today)
        if side.min_age is not None and age < side.min_age:
            problems.append(TOO_YOUNG.format(age=side.min_age, **names))
        if side.max_age is not None and age > side.max_age:
            problems.append(TOO_OLD.format(age=side.max_age, **names))
    if side.municipalities and applicant.municipality not in side.municipalities:
        problems.append(
            WRONG_MUNICIPALITY.format(
                municipalities=municipalities_listed(side.municipalities), **names
            )
        )
    if applicant.arrived_in_sweden_year is not None:
        years = today.year - applicant.arrived_in_sweden_year
        if side.max_years_in_sweden is not None and years > side.max_years_in_sweden:
            problems.append(
                TOO_LONG_IN_SWEDEN.format(years=side.max_years_in_sweden, **names)
            )
        if side.min_years_in_sweden is not None and years < side.min_years_in_sweden:
            problems.append(
                TOO_SHORT_IN_SWEDEN.format(years=side.min_years_in_sweden, **names)
            )
    for question, allowed in (side.required_answers or {}).items():
        answer = applicant.answers.get(question)
        given = answer if isinstance(answer, list) else [answer]
        if not any(value in allowed for value in given):
            problems.append(
                ANSWER_REQUIRED.format(
                    question=question_labels.get(question, question), **names
                )
            )
    return problems
