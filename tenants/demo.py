"""The demo tenants and their partners, from the programs in DESIGN.md.

Organisation numbers carry a valid check digit; they are demo values and must be
checked against Bolagsverket before anything real is invoiced to them.
"""

from tenants.models import PartnerOrganisation as Org
from tenants.models import Tenant

# Every demo account's password; printed by seed_demo and listed in the README.
# Long enough for the password policy (12 characters; see AUTH_PASSWORD_VALIDATORS).
DEMO_PASSWORD = "kompis-demo-konto"
# The demo's password before the policy: an account still on it is moved to the new.
DEMO_PASSWORD_BEFORE = "kompis-demo"


def demo_password_set(user) -> None:
    """A new demo account, or one still on the old demo password, gets the demo
    password; a password someone chose is kept."""
    if user.password and not user.check_password(DEMO_PASSWORD_BEFORE):
        return
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])


def demo_staff_ensure(*, username: str, group):
    """A demo staff account of the active schema, a member of `group` and of no
    other group. Idempotent: a second run fixes an existing account's groups and
    keeps a password someone chose."""
    from django.contrib.auth import get_user_model

    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"is_staff": True}
    )
    demo_password_set(user)
    user.groups.set([group])
    return user


MUNI, AGENCY, IDEA, FUNDER = (
    Org.Role.MUNICIPALITY,
    Org.Role.STATE_AGENCY,
    Org.Role.IDEA_BASED,
    Org.Role.FUNDER,
)

ORGANISATIONS = {
    "stockholm": ("Stockholms stad", "212000-0142", MUNI),
    "jarfalla": ("Järfälla kommun", "212000-0118", MUNI),
    "danderyd": ("Danderyds kommun", "212000-0274", MUNI),
    "nacka": ("Nacka kommun", "212000-0167", MUNI),
    "nykvarn": ("Nykvarns kommun", "212000-2874", MUNI),
    "nynashamn": ("Nynäshamns kommun", "212000-0225", MUNI),
    "sundbyberg": ("Sundbybergs stad", "212000-0183", MUNI),
    "salem": ("Salems kommun", "212000-2866", MUNI),
    "botkyrka": ("Botkyrka kommun", "212000-2882", MUNI),
    "huddinge": ("Huddinge kommun", "212000-0134", MUNI),
    "upplands-vasby": ("Upplands Väsby kommun", "212000-2924", MUNI),
    "arbetsformedlingen": ("Arbetsförmedlingen", "202100-2114", AGENCY),
    "lansstyrelsen": ("Länsstyrelsen i Stockholms län", "202100-2312", FUNDER),
    "operator": ("Kompisbyrån (operatör)", "802400-5467", IDEA),
    "stiftelse": ("Stiftelsen för kvinnors etablering", "802014-6588", FUNDER),
    "kvinnoforum": ("Kvinnors Nätverk Botkyrka", "802470-1925", IDEA),
    "studieforbund": ("Studieförbundet Mötesplats", "802009-7716", IDEA),
    "idrott": ("Föreningen Språkvänner Söder", "802501-1209", IDEA),
}

# slug: (name, kind, status, partner keys)
TENANTS = {
    "jarfalla": (
        "JärfällaKompis",
        Tenant.Kind.MUNICIPALITY,
        Tenant.Status.ACTIVE,
        ["jarfalla"],
    ),
    "kvinna": (
        "Kv(in)na",
        Tenant.Kind.PARTNERSHIP,
        Tenant.Status.ACTIVE,
        [
            "danderyd",
            "nacka",
            "nykvarn",
            "nynashamn",
            "sundbyberg",
            "salem",
            "operator",
            "stiftelse",
        ],
    ),
    "fardighet": (
        "Färdighetsprogrammet",
        Tenant.Kind.PARTNERSHIP,
        Tenant.Status.ACTIVE,
        [
            "stockholm",
            "botkyrka",
            "huddinge",
            "jarfalla",
            "upplands-vasby",
            "lansstyrelsen",
        ],
    ),
    "botkyrka": (
        "Tillväxt Kvinna",
        Tenant.Kind.PARTNERSHIP,
        Tenant.Status.ACTIVE,
        [
            "botkyrka",
            "arbetsformedlingen",
            "kvinnoforum",
            "studieforbund",
            "idrott",
            "lansstyrelsen",
        ],
    ),
    "danderyd": (
        "Mentorskap Danderyd",
        Tenant.Kind.MUNICIPALITY,
        Tenant.Status.TRIAL,
        ["danderyd"],
    ),
}

# Demo tenants where a partner refers people (the employment agency refers women to
# Tillväxt Kvinna and Kv(in)na): they get the demo account `remittent`.
REFERRAL_TENANTS = ("botkyrka", "kvinna")
