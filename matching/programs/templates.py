"""Templates for the real programs in DESIGN.md. A coordinator creates a program
from one (matching.programs.services.program_create_from_template) and edits it."""

INTERESTS = [
    {
        "value": "hiking",
        "sv": "Friluftsliv och vandring",
        "en": "Outdoor life and hiking",
    },
    {"value": "cooking", "sv": "Matlagning", "en": "Cooking"},
    {"value": "sports", "sv": "Idrott och träning", "en": "Sports and exercise"},
    {
        "value": "culture",
        "sv": "Kultur, musik och konst",
        "en": "Culture, music and art",
    },
    {"value": "games", "sv": "Spel och sällskapsspel", "en": "Games and board games"},
    {"value": "crafts", "sv": "Hantverk och handarbete", "en": "Crafts"},
    {"value": "books", "sv": "Böcker och språk", "en": "Books and languages"},
    {"value": "nature", "sv": "Trädgård och natur", "en": "Gardening and nature"},
]

EDUCATION_FIELDS = [
    {"value": "health", "sv": "Vård och hälsa", "en": "Health care"},
    {"value": "engineering", "sv": "Teknik och ingenjörsyrken", "en": "Engineering"},
    {"value": "it", "sv": "IT och data", "en": "IT"},
    {
        "value": "economics",
        "sv": "Ekonomi och administration",
        "en": "Business and administration",
    },
    {"value": "education", "sv": "Pedagogik och undervisning", "en": "Teaching"},
    {
        "value": "law",
        "sv": "Juridik och samhällsvetenskap",
        "en": "Law and social science",
    },
    {
        "value": "trades",
        "sv": "Hantverks- och serviceyrken",
        "en": "Trades and services",
    },
    {"value": "other", "sv": "Annat", "en": "Other"},
]

SKILL_THEMES = [
    {"value": "communication", "sv": "Kommunikation", "en": "Communication"},
    {"value": "conflict", "sv": "Konflikthantering", "en": "Conflict management"},
    {"value": "interview", "sv": "Intervjuteknik", "en": "Interview technique"},
    {"value": "finance", "sv": "Privatekonomi", "en": "Personal finance"},
]

AVAILABILITY = [
    {"value": "weekday_day", "sv": "Vardagar dagtid", "en": "Weekdays, daytime"},
    {"value": "weekday_evening", "sv": "Vardagskvällar", "en": "Weekday evenings"},
    {"value": "weekend", "sv": "Helger", "en": "Weekends"},
]

KVINNA_MUNICIPALITIES = ["0162", "0182", "0140", "0192", "0183", "0128"]
# Asked of the newcomers in the programs that report to funders (ESF+,
# Tillväxtverket): fixed at entry as report facts (matching.participants.report_facts).
ENTRY_FACTS_HELP = "Används bara i anonym statistik till programmets finansiärer."
EMPLOYMENT_CHOICES = [
    {"value": "employed", "sv": "Jag har ett arbete", "en": "I have a job"},
    {"value": "unemployed", "sv": "Jag söker arbete", "en": "I am looking for work"},
    {"value": "studying", "sv": "Jag studerar", "en": "I am studying"},
    {
        "value": "inactive",
        "sv": "Inget av detta just nu",
        "en": "None of these at the moment",
    },
]
EDUCATION_CHOICES = [
    {
        "value": "primary",
        "sv": "Grundskola eller kortare",
        "en": "Compulsory school or less",
    },
    {"value": "secondary", "sv": "Gymnasium", "en": "Upper secondary school"},
    {
        "value": "tertiary",
        "sv": "Högskola, universitet eller yrkeshögskola",
        "en": "University, college or higher vocational education",
    },
]


def _entry_fact_questions():
    return [
        _question(
            "employment_status",
            "single_choice",
            "Vad gör du just nu?",
            "What do you do at the moment?",
            sides="a",
            choices=EMPLOYMENT_CHOICES,
            required=False,
            help_sv=ENTRY_FACTS_HELP,
        ),
        _question(
            "education_level",
            "single_choice",
            "Vilken är din högsta utbildning?",
            "What is your highest education?",
            sides="a",
            choices=EDUCATION_CHOICES,
            required=False,
            help_sv=ENTRY_FACTS_HELP,
        ),
    ]


FARDIGHET_MUNICIPALITIES = ["0180", "0127", "0126", "0123", "0114"]

CONSENT_RECIPIENTS = (
    "Programmets samordnare hos kommunen och partnerorganisationerna. Den du matchas "
    "med får se ditt förnamn, dina intressen och hur ni når varandra."
)


def _side(key, name_sv, name_en, description, **rules):
    return {
        "key": key,
        "name_sv": name_sv,
        "name_en": name_en,
        "description": description,
        **rules,
    }


def _question(
    key,
    kind,
    label_sv,
    label_en,
    *,
    sides="both",
    choices=None,
    required=True,
    sensitive=False,
    help_sv="",
):
    return {
        "key": key,
        "kind": kind,
        "label_sv": label_sv,
        "label_en": label_en,
        "sides": sides,
        "choices": choices or [],
        "required": required,
        "sensitive": sensitive,
        "help_sv": help_sv,
    }


MATCH_EMAIL = {
    "key": "match_published",
    "channel": "email",
    "language": "sv",
    "subject": "Du har fått en kompis i {program}!",
    "body": (
        "Hej {first_name}!\n\nVi har matchat dig med {partner_first_name}. "
        "Hör av er till varandra: {partner_contact}.\n\n"
        "Bekräfta matchningen och logga era träffar här: {link}\n\n"
        "Vänliga hälsningar,\n{program}"
    ),
}
MATCH_SMS = {
    "key": "match_published",
    "channel": "sms",
    "language": "sv",
    "subject": "",
    "body": "Hej {first_name}! Du är matchad med {partner_first_name} i {program}. Läs mer i din e-post.",
}

TEMPLATES = {
    "jarfallakompis": {
        "name": "JärfällaKompis",
        "municipalities": ["0123"],
        "summary": (
            "Nya och etablerade järfällabor – ensamma eller familjer med små barn – "
            "matchas utifrån intressen och barnens åldrar. Ni väljer själva när och var ni ses."
        ),
        "commitment_text": "Ni bestämmer själva hur ofta ni ses",
        "consent_purpose": "Att matcha dig med en kompis i Järfälla och hålla kontakt under programmet.",
        "sides": [
            _side(
                "a",
                "Ny i Järfälla",
                "New in Järfälla",
                "Du som är ny i Sverige och bor i Järfälla.",
                municipalities=["0123"],
            ),
            _side(
                "b",
                "Etablerad järfällabo",
                "Established resident",
                "Du som har bott i Sverige länge och bor i Järfälla.",
                municipalities=["0123"],
            ),
        ],
        "questions": [
            _question(
                "household",
                "single_choice",
                "Anmäler du dig ensam eller som familj?",
                "Are you signing up alone or as a family?",
                choices=[
                    {"value": "single", "sv": "Ensam", "en": "Alone"},
                    {"value": "family", "sv": "Familj", "en": "Family"},
                ],
            ),
            _question(
                "children_ages",
                "children_ages",
                "Barnens åldrar",
                "Ages of the children",
                required=False,
                help_sv="Skriv åldrarna med komma emellan, t.ex. 2, 4",
            ),
            _question(
                "interests",
                "multiple_choice",
                "Vad tycker du om att göra?",
                "What do you like doing?",
                choices=INTERESTS,
            ),
            _question(
                "languages",
                "languages",
                "Vilka språk talar du?",
                "Which languages do you speak?",
            ),
        ],
        "criteria": [
            {"kind": "shared_answers", "question_key": "interests", "weight": 3.0},
            {"kind": "same_answer", "question_key": "household", "weight": 2.0},
            {
                "kind": "children_ages",
                "question_key": "children_ages",
                "weight": 2.0,
                "params": {"scale_years": 3},
            },
        ],
        "constraints": [{"kind": "same_answer", "question_key": "household"}],
        "messages": [MATCH_EMAIL, MATCH_SMS],
    },
    "kvinna": {
        "name": "Kv(in)na",
        "municipalities": KVINNA_MUNICIPALITIES,
        "summary": (
            "Ett mentorprogram för nyanlända och utrikesfödda kvinnor och tjejer (adepter) "
            "och yrkesverksamma kvinnor (mentorer) i sex kommuner."
        ),
        "commitment_meetings": 3,
        "commitment_months": 6,
        "commitment_text": "Ett startmöte och minst tre träffar på sex månader, plus nätverksträffar",
        "consent_purpose": "Att matcha dig med en mentor eller adept och följa upp era träffar.",
        "sides": [
            _side(
                "a",
                "Adept",
                "Mentee",
                "Nyanlända och utrikesfödda kvinnor och tjejer.",
                genders=["woman"],
                min_age=16,
                municipalities=KVINNA_MUNICIPALITIES,
            ),
            _side(
                "b",
                "Mentor",
                "Mentor",
                "Yrkesverksamma kvinnor som vill dela med sig.",
                genders=["woman"],
                min_age=20,
                municipalities=KVINNA_MUNICIPALITIES,
                capacity_max=2,
                required_answers={"employed": ["yes"]},
            ),
        ],
        "questions": [
            _question(
                "employed",
                "single_choice",
                "Har du ett arbete?",
                "Are you employed?",
                sides="b",
                choices=[
                    {"value": "yes", "sv": "Ja", "en": "Yes"},
                    {"value": "no", "sv": "Nej", "en": "No"},
                ],
            ),
            _question(
                "field",
                "single_choice",
                "Inom vilket område arbetar du eller vill du arbeta?",
                "Which field do you work in or want to work in?",
                choices=EDUCATION_FIELDS,
            ),
            _question(
                "interests",
                "multiple_choice",
                "Intressen",
                "Interests",
                choices=INTERESTS,
                required=False,
            ),
            _question(
                "availability",
                "multiple_choice",
                "När kan du träffas?",
                "When can you meet?",
                choices=AVAILABILITY,
            ),
            _question(
                "languages",
                "languages",
                "Vilka språk talar du?",
                "Which languages do you speak?",
            ),
        ],
        "criteria": [
            {"kind": "same_answer", "question_key": "field", "weight": 4.0},
            {"kind": "availability", "question_key": "availability", "weight": 2.0},
            {"kind": "shared_answers", "question_key": "interests", "weight": 1.0},
            {"kind": "same_municipality", "weight": 1.0},
        ],
        "constraints": [{"kind": "same_gender"}],
        "messages": [MATCH_EMAIL, MATCH_SMS],
    },
    "fardighet": {
        "tracks_outcomes": True,  # funders ask what people do six months on
        "name": "Färdighetsprogrammet",
        "summary": (
            "Digitala träffar för nyanlända ungdomar, en på varje tema: kommunikation, "
            "konflikthantering, intervjuteknik och privatekonomi. Varje träff har en coach med erfarenhet av temat."
        ),
        "per_session": True,
        "commitment_meetings": 4,
        "commitment_text": "Fyra digitala träffar, en per tema",
        "consent_purpose": "Att para ihop dig med en coach vid varje träff.",
        "sides": [
            _side(
                "a",
                "Ungdom",
                "Youth",
                "Nyanlända ungdomar som omfattas av den nya gymnasielagen.",
                min_age=16,
                max_age=25,
                municipalities=FARDIGHET_MUNICIPALITIES,
                max_years_in_sweden=6,
            ),
            _side(
                "b",
                "Coach",
                "Coach",
                "Etablerade vuxna med erfarenhet av något av temana.",
                min_age=20,
                capacity_max=3,
            ),
        ],
        "questions": [
            _question(
                "themes",
                "multiple_choice",
                "Vilka teman vill du delta i eller coacha i?",
                "Which themes do you want to take part in or coach?",
                choices=SKILL_THEMES,
            ),
            _question(
                "languages",
                "languages",
                "Vilka språk talar du?",
                "Which languages do you speak?",
            ),
        ],
        "criteria": [
            {"kind": "session_theme", "question_key": "themes", "weight": 5.0},
            {"kind": "shared_answers", "question_key": "languages", "weight": 1.0},
        ],
        "constraints": [],
        "messages": [MATCH_EMAIL, MATCH_SMS],
    },
    "mentorskap": {
        "tracks_outcomes": True,  # funders ask what people do six months on
        "name": "Mentorskap – utbildning och yrke",
        "summary": (
            "Nyanlända med eftergymnasial utbildning eller yrkeserfarenhet matchas med en mentor "
            "med liknande utbildning eller yrke. Ni ses en gång i månaden i åtta månader."
        ),
        "commitment_meetings": 8,
        "commitment_months": 8,
        "commitment_text": "En träff i månaden i åtta månader (CV, intervjuträning)",
        "consent_purpose": "Att matcha dig med en mentor eller adept inom samma yrkesområde.",
        "sides": [
            _side(
                "a",
                "Adept",
                "Mentee",
                "Nyanlända med eftergymnasial utbildning eller yrkeserfarenhet.",
                min_age=18,
            ),
            _side(
                "b",
                "Mentor",
                "Mentor",
                "Yrkesverksamma med liknande utbildning eller yrke.",
                min_age=22,
                capacity_max=2,
            ),
        ],
        "questions": [
            _question(
                "field",
                "single_choice",
                "Utbildnings- eller yrkesområde",
                "Field of education or profession",
                choices=EDUCATION_FIELDS,
            ),
            _question("profession", "text", "Yrke", "Profession", required=False),
            _question(
                "availability",
                "multiple_choice",
                "När kan du träffas?",
                "When can you meet?",
                choices=AVAILABILITY,
            ),
        ],
        "criteria": [
            {"kind": "same_answer", "question_key": "field", "weight": 5.0},
            {"kind": "availability", "question_key": "availability", "weight": 2.0},
        ],
        "constraints": [{"kind": "same_answer", "question_key": "field"}],
        "messages": [MATCH_EMAIL, MATCH_SMS],
    },
    "tillvaxt-kvinna": {
        "tracks_outcomes": True,  # funders ask what people do six months on
        "name": "Tillväxt Kvinna",
        "summary": (
            "Utrikesfödda kvinnor 25–64 år som står utanför arbetsmarknaden, remitterade av "
            "Arbetsförmedlingen, får en mentor som själv har gått igenom etableringen. "
            "Arbetsgivarträffar och språkaktiviteter ingår."
        ),
        "commitment_months": 12,
        "commitment_text": "Mentorskap under ett år, med arbetsgivarträffar och språkaktiviteter",
        "consent_purpose": "Att matcha dig med en mentor och följa hur det går för dig med arbete och studier över tid.",
        "sides": [
            _side(
                "a",
                "Deltagare",
                "Participant",
                "Utrikesfödda kvinnor 25–64 år utanför arbetsmarknaden.",
                genders=["woman"],
                min_age=25,
                max_age=64,
                municipalities=["0127"],
            ),
            _side(
                "b",
                "Mentor",
                "Mentor",
                "Kvinnor som själva har gått igenom etableringen.",
                genders=["woman"],
                min_age=20,
                capacity_max=2,
            ),
        ],
        "questions": [
            _question(
                "field",
                "single_choice",
                "Vilket område vill du arbeta eller studera inom?",
                "Which field do you want to work or study in?",
                choices=EDUCATION_FIELDS,
            ),
            _question(
                "languages",
                "languages",
                "Vilka språk talar du?",
                "Which languages do you speak?",
            ),
            _question(
                "situation",
                "text",
                "Berätta kort om din situation",
                "Tell us briefly about your situation",
                sides="a",
                required=False,
                sensitive=True,
            ),
        ],
        "criteria": [
            {"kind": "same_answer", "question_key": "field", "weight": 3.0},
            {"kind": "shared_answers", "question_key": "languages", "weight": 2.0},
        ],
        "constraints": [{"kind": "same_gender"}],
        "messages": [MATCH_EMAIL, MATCH_SMS],
    },
}

# The programs that report to funders ask the newcomers their situation at entry.
FUNDER_REPORTING_TEMPLATES = ("fardighet", "mentorskap", "tillvaxt-kvinna")
for _key in FUNDER_REPORTING_TEMPLATES:
    TEMPLATES[_key]["questions"].extend(_entry_fact_questions())


def template_summaries() -> list[tuple[str, str, str]]:
    """(key, name, summary) of each template: what a new site can start with
    (the platform's public page and the application form list them)."""
    return [
        (key, template["name"], template.get("summary", ""))
        for key, template in TEMPLATES.items()
    ]
