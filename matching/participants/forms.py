"""Forms that render registration and self-service; the services validate."""

from django import forms

from matching.models import Participant, Program, Question
from matching.programs.municipalities import MUNICIPALITIES

GENDER_CHOICES = [
    ("", "Välj"),
    ("woman", "Kvinna"),
    ("man", "Man"),
    ("non_binary", "Icke-binär"),
    ("unstated", "Vill inte uppge"),
]
MUNICIPALITY_CHOICES = [("", "Välj kommun")] + sorted(
    MUNICIPALITIES.items(), key=lambda item: item[1]
)


def _question_field(question: Question) -> forms.Field:
    choices = [(c["value"], c.get("sv") or c["value"]) for c in question.choices]
    common = {
        "label": question.label_sv,
        "required": False,
        "help_text": question.help_sv,
    }
    if question.sensitive:
        common["help_text"] = (question.help_sv + " " if question.help_sv else "") + (
            "Känslig uppgift: bara programmets samordnare ser svaret."
        )
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
        return forms.ChoiceField(choices=MUNICIPALITY_CHOICES, **common)
    if kind == Question.Kind.TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **common)
    return forms.CharField(**common)


class RegistrationForm(forms.Form):
    """Fields for one side of a program, named as the registration service expects."""

    first_name = forms.CharField(label="Förnamn", max_length=80, required=False)
    last_name = forms.CharField(label="Efternamn", max_length=80, required=False)
    email = forms.CharField(
        label="E-post",
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label="Mobilnummer",
        required=False,
        help_text="T.ex. 070-123 45 67. Vi skickar sms när du har fått en matchning.",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    gender = forms.ChoiceField(label="Kön", choices=GENDER_CHOICES, required=False)
    birth_date = forms.CharField(
        label="Födelsedatum",
        required=False,
        help_text="ÅÅÅÅ-MM-DD",
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}),
    )
    municipality = forms.ChoiceField(
        label="Kommun där du bor", choices=MUNICIPALITY_CHOICES, required=False
    )
    arrived_in_sweden_year = forms.CharField(
        label="År du kom till Sverige",
        required=False,
        help_text="Lämna tomt om du är född i Sverige.",
        widget=forms.NumberInput,
    )

    def __init__(self, *args, program: Program, side_key: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        self.question_keys = []
        for question in program.questions.all():
            if question.asked_of(side_key):
                self.fields[f"q_{question.key}"] = _question_field(question)
                self.question_keys.append(question.key)
        self.fields["consent"] = forms.BooleanField(
            label="Jag har läst hur mina uppgifter hanteras och godkänner det.",
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
    email = forms.EmailField(label="E-post")


class ReferralForm(forms.Form):
    program = forms.ModelChoiceField(
        label="Program", queryset=Program.objects.filter(status=Program.Status.OPEN)
    )
    side_key = forms.ChoiceField(
        label="Sida", choices=[("a", "Första sidan"), ("b", "Andra sidan")]
    )
    first_name = forms.CharField(label="Förnamn", max_length=80)
    last_name = forms.CharField(label="Efternamn", max_length=80, required=False)
    email = forms.EmailField(label="E-post")
    organisation = forms.CharField(
        label="Din organisation", max_length=200, required=False
    )
    note = forms.CharField(
        label="Anteckning till samordnaren", widget=forms.Textarea, required=False
    )


PARTICIPANT_STATUS_SV = dict(
    [
        (Participant.Status.INVITED, "Inbjuden"),
        (Participant.Status.PENDING, "Väntar på att du bekräftar din e-post"),
        (Participant.Status.QUEUED, "I kön"),
        (Participant.Status.MATCHED, "Matchad"),
        (Participant.Status.PAUSED, "Pausad"),
        (Participant.Status.UNAVAILABLE, "Vilande"),
        (Participant.Status.WITHDRAWN, "Avslutad"),
        (Participant.Status.ERASED, "Raderad"),
    ]
)
