"""What a report counts about a person, fixed when they entered a program (their
registration confirmed): gender, age band, municipality, years in Sweden, and the
employment status and education level where the program asks. A later edit of
the profile does not rewrite last year's report, and erasing or anonymising the
person keeps these facts: none of them names anyone (issue 12)."""

from datetime import date

from django.db import IntegrityError, connection, models, transaction
from django.utils.translation import gettext_lazy as _

# The questions whose answers are facts at entry, where a program asks them.
EMPLOYMENT_QUESTION = "employment_status"
EDUCATION_QUESTION = "education_level"


class ReportFacts(models.Model):
    class AgeBand(models.TextChoices):
        UNDER_18 = "under_18", _("Under 18")
        FROM_18 = "18_29", _("18–29")
        FROM_30 = "30_54", _("30–54")
        FROM_55 = "55_plus", _("55 and over")
        UNKNOWN = "", _("Not known")

    class YearsInSweden(models.TextChoices):
        UNDER_2 = "0_1", _("Less than 2 years")
        FROM_2 = "2_4", _("2–4 years")
        FROM_5 = "5_9", _("5–9 years")
        FROM_10 = "10_plus", _("10 years or more")
        UNKNOWN = "", _("Not asked")

    class Employment(models.TextChoices):
        EMPLOYED = "employed", _("Employed")
        UNEMPLOYED = "unemployed", _("Unemployed, looking for work")
        STUDYING = "studying", _("Studying")
        INACTIVE = "inactive", _("Outside the labour force")
        UNKNOWN = "", _("Not asked")

    class Education(models.TextChoices):
        PRIMARY = "primary", _("Compulsory school or less")
        SECONDARY = "secondary", _("Upper secondary")
        TERTIARY = "tertiary", _("Post-secondary")
        UNKNOWN = "", _("Not asked")

    wagtail_reference_index_ignore = True

    participant = models.OneToOneField(
        "matching.Participant", on_delete=models.CASCADE, related_name="report_facts"
    )
    program = models.ForeignKey(
        "matching.Program", on_delete=models.CASCADE, related_name="+"
    )
    side_key = models.CharField(max_length=1)
    entered_on = models.DateField(db_index=True)
    gender = models.CharField(max_length=12, blank=True)
    age_band = models.CharField(max_length=8, choices=AgeBand.choices, blank=True)
    municipality = models.CharField(max_length=4, blank=True)
    years_in_sweden = models.CharField(
        max_length=8, choices=YearsInSweden.choices, blank=True
    )
    employment = models.CharField(max_length=10, choices=Employment.choices, blank=True)
    education = models.CharField(max_length=10, choices=Education.choices, blank=True)

    class Meta:
        verbose_name = _("facts at entry")
        verbose_name_plural = _("facts at entry")
        indexes = [models.Index(fields=["program", "entered_on"])]

    def __str__(self) -> str:
        return f"facts of participant {self.participant_id}"


def age_band(birth_date: date | None, on: date) -> str:
    if birth_date is None:
        return ReportFacts.AgeBand.UNKNOWN
    age = (
        on.year
        - birth_date.year
        - ((on.month, on.day) < (birth_date.month, birth_date.day))
    )
    if age < 18:
        return ReportFacts.AgeBand.UNDER_18
    if age < 30:
        return ReportFacts.AgeBand.FROM_18
    if age < 55:
        return ReportFacts.AgeBand.FROM_30
    return ReportFacts.AgeBand.FROM_55


def years_in_sweden_band(arrived: int | None, on: date) -> str:
    if arrived is None:
        return ReportFacts.YearsInSweden.UNKNOWN
    years = on.year - arrived
    if years < 2:
        return ReportFacts.YearsInSweden.UNDER_2
    if years < 5:
        return ReportFacts.YearsInSweden.FROM_2
    if years < 10:
        return ReportFacts.YearsInSweden.FROM_5
    return ReportFacts.YearsInSweden.FROM_10


def _answer_in(answers: dict, key: str, choices) -> str:
    value = answers.get(key)
    return value if isinstance(value, str) and value in choices.values else ""


def employment_at_entry(answers: dict) -> str:
    """The program's employment question, or its older yes/no "employed"."""
    employment = _answer_in(answers, EMPLOYMENT_QUESTION, ReportFacts.Employment)
    if not employment and answers.get("employed") == "yes":
        return ReportFacts.Employment.EMPLOYED
    return employment


def education_at_entry(answers: dict) -> str:
    return _answer_in(answers, EDUCATION_QUESTION, ReportFacts.Education)


def report_facts_record(participant) -> ReportFacts:
    """Fix the facts of `participant` as they are now, once: a second call (a
    double click on the confirmation link, a retried task) returns the first."""
    existing = ReportFacts.objects.filter(participant=participant).first()
    if existing is not None:
        return existing
    on = (participant.confirmed_at or participant.created_at).date()
    answers = participant.answers or {}
    facts = ReportFacts(
        participant=participant,
        program_id=participant.program_id,
        side_key=participant.side_key,
        entered_on=on,
        gender=participant.gender,
        age_band=age_band(participant.birth_date, on),
        municipality=participant.municipality,
        years_in_sweden=years_in_sweden_band(participant.arrived_in_sweden_year, on),
        employment=employment_at_entry(answers),
        education=education_at_entry(answers),
    )
    try:
        with transaction.atomic():
            facts.save()
    except IntegrityError:  # recorded a moment ago by another request
        return ReportFacts.objects.get(participant=participant)
    return facts


class RegistrationTally(models.Model):
    """How many registrations a program got per day and side, counted as each is
    made: a registration never confirmed (deleted after 30 days) or a person
    erased later is still counted as registered, and no person is behind a count."""

    program = models.ForeignKey(
        "matching.Program", on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField()
    side_key = models.CharField(max_length=1)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("registrations of a day")
        verbose_name_plural = _("registrations per day")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "day", "side_key"], name="one_tally_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.program_id} {self.day} {self.side_key}: {self.count}"


def registration_tally_add(*, program_id: int, side_key: str, on: date) -> None:
    """One more registration, counted in one statement: two at the same moment
    both count (the row is made or added to, never read and written back)."""
    table = RegistrationTally._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (program_id, day, side_key, count) "
            "VALUES (%s, %s, %s, 1) ON CONFLICT (program_id, day, side_key) "
            f"DO UPDATE SET count = {table}.count + 1",
            [program_id, on, side_key],
        )
