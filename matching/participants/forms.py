"""Forms that render registration and self-service; the services validate."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from matching.models import Participant, Program, Question
from matching.programs.municipalities import MUNICIPALITY_CHOOSE, municipality_choices
from matching.programs.texts import choice_label, language_current, text_in
from matching.programs.translations import registration_languages

GENDER_CHOICES = [
    ("", _("Choose")),
    ("woman", _("Woman")),
    ("man", _("Man")),
    ("non_binary", _("Non-binary")),
    ("unstated", _("Prefer not to say")),
]


def _municipality_choices(program: Program) -> list:
    return [("", MUNICIPALITY_CHOOSE), *municipality_choices(program.municipalities)]


def _question_field(question: Question) -> forms.Field:
    choices = [(c["value"], choice_label(c)) for c in question.choices]
    help_text = text_in(question, "help")
    common = {"label": text_in(question, "label"), "required": False}
    if question.sensitive:
        help_text = (help_text + " " if help_text else "") + str(
            _("Sensitive: only the program's coordinators see the answer.")
        )
    common["help_text"] = help_text
    kind = question.kind
    if kind == Question.Kind.SINGLE_CHOICE:
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if kind == Question.Kind.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == Question.Kind.NUMBER:
        return forms.CharField(widget=forms.NumberInput, **common)
    if kind == Question.Kind.DATE:
        return forms.CharField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if kind == Question.Kind.MUNICIPALITY:
        return forms.ChoiceField(
            choices=_municipality_choices(question.program), **common
        )
    if kind == Question.Kind.TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **common)
    return forms.CharField(**common)


class RegistrationForm(forms.Form):
    """Fields for one side of a program, named as the registration service expects."""

    first_name = forms.CharField(label=_("First name"), max_length=80, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=80, required=False)
    email = forms.CharField(
        label=_("E-mail"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Mobile number"),
        required=False,
        help_text=_(
            "E.g. 070-123 45 67. We send a text message when you have a match."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    gender = forms.ChoiceField(
        label=_("Gender"), choices=GENDER_CHOICES, required=False
    )
    birth_date = forms.CharField(
        label=_("Date of birth"),
        required=False,
        help_text=_("YYYY-MM-DD"),
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}),
    )
    municipality = forms.ChoiceField(
        label=_("Municipality where you live"),
        choices=(),
        required=False,
    )
    arrived_in_sweden_year = forms.CharField(
        label=_("Year you came to Sweden"),
        required=False,
        help_text=_("Leave empty if you were born in Sweden."),
        widget=forms.NumberInput,
    )

    language = forms.ChoiceField(
        label=_("Language of our messages to you"),
        help_text=_("E-mails, text messages and your pages are in this language."),
        choices=settings.LANGUAGES,
        required=False,
    )

    def __init__(self, *args, program: Program, side_key: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        # The languages the program has, and the page's own (its texts, the
        # e-mails and the participant's pages are in it even where the program's
        # own texts fall back to Swedish).
        offered = registration_languages(program)
        names = dict(settings.LANGUAGES)
        self.fields["language"].choices = [(code, names[code]) for code in offered]
        current = language_current()
        self.fields["language"].initial = current if current in offered else "sv"
        self.fields["municipality"].choices = _municipality_choices(program)
        self.question_keys = []
        for question in program.questions.all():
            if question.asked_of(side_key):
                self.fields[f"q_{question.key}"] = _question_field(question)
                self.question_keys.append(question.key)
        self.fields["consent"] = forms.BooleanField(
            label=_("I have read how my data is handled and I accept it."),
            required=False,
        )
        for name in (
            "first_name",
            "email",
            "gender",
            "birth_date",
            "municipality",
            "consent",
        ):
            self.fields[name].widget.attrs["aria-required"] = "true"
        for name, field in self.fields.items():
            if not isinstance(
                field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple
            ):
                field.widget.attrs["aria-describedby"] = (
                    f"id_{name}_help id_{name}_errors"
                )

    def question_fields(self):
        return [self[f"q_{key}"] for key in self.question_keys]

    def personal_fields(self):
        return [
            self[name]
            for name in (
                "first_name",
                "last_name",
                "email",
                "phone",
                "gender",
                "birth_date",
                "municipality",
                "arrived_in_sweden_year",
                "language",
            )
        ]

    def service_data(self, post) -> dict:
        """The raw POST in the shape registration_submit expects."""
        data = {
            name: post.get(name, "")
            for name in (
                "first_name",
                "last_name",
                "email",
                "phone",
                "gender",
                "birth_date",
                "municipality",
                "arrived_in_sweden_year",
                "language",
            )
        }
        answers = {}
        for question in self.program.questions.all():
            if question.key not in self.question_keys:
                continue
            name = f"q_{question.key}"
            if question.kind == Question.Kind.MULTIPLE_CHOICE:
                answers[question.key] = post.getlist(name)
            else:
                answers[question.key] = post.get(name, "")
        data["answers"] = answers
        data["consent"] = post.get("consent", "")
        return data

    def add_service_error(self, field: str, message: str) -> None:
        if field.startswith("answers."):
            field = "q_" + field.removeprefix("answers.")
        if field in self.fields:
            self.fields[field].widget.attrs["aria-invalid"] = "true"
            self.add_error(field, message)
        else:
            self.add_error(None, message)


class NewLinkForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))


class ReferralForm(forms.Form):
    program = forms.ModelChoiceField(
        label=_("Program"), queryset=Program.objects.filter(status=Program.Status.OPEN)
    )
    side_key = forms.ChoiceField(
        label=_("Side"), choices=[("a", _("First side")), ("b", _("Second side"))]
    )
    first_name = forms.CharField(label=_("First name"), max_length=80)
    last_name = forms.CharField(label=_("Last name"), max_length=80, required=False)
    email = forms.EmailField(label=_("E-mail"))
    organisation = forms.CharField(
        label=_("Your organisation"), max_length=200, required=False
    )
    language = forms.ChoiceField(
        label=_("Language the person reads best"),
        help_text=_("The invitation and the registration form are in this language."),
        choices=settings.LANGUAGES,
        initial="sv",
        required=False,
    )
    note = forms.CharField(
        label=_("Note to the coordinator"), widget=forms.Textarea, required=False
    )


PARTICIPANT_STATUS_TEXTS = dict(
    [
        (Participant.Status.INVITED, _("Invited")),
        (Participant.Status.PENDING, _("Waiting for you to confirm your e-mail")),
        (Participant.Status.QUEUED, _("In the queue")),
        (Participant.Status.MATCHED, _("Matched")),
        (Participant.Status.PAUSED, _("Paused")),
        (Participant.Status.UNAVAILABLE, _("Resting")),
        (Participant.Status.WITHDRAWN, _("Ended")),
        (Participant.Status.ERASED, _("Erased")),
    ]
)
