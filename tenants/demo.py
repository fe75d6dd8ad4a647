"""The demo tenants and their partners, from the programs in DESIGN.md.

Organisation numbers carry a valid check digit; they are demo values and must be
checked against Bolagsverket before anything real is invoiced to them.
"""

from tenants.models import PartnerOrganisation as Org
from tenants.models import Tenant

M, S, I, F = Org.Role.MUNICIPALITY, Org.Role.STATE_AGENCY, Org.Role.IDEA_BASED, Org.Role.FUNDER

ORGANISATIONS = {
    "stockholm": ("Stockholms stad", "212000-0142", M),
    "jarfalla": ("Järfälla kommun", "212000-0118", M),
    "danderyd": ("Danderyds kommun", "212000-0274", M),
    "nacka": ("Nacka kommun", "212000-0167", M),
    "nykvarn": ("Nykvarns kommun", "212000-2874", M),
    "nynashamn": ("Nynäshamns kommun", "212000-0225", M),
    "sundbyberg": ("Sundbybergs stad", "212000-0183", M),
    "salem": ("Salems kommun", "212000-2866", M),
    "botkyrka": ("Botkyrka kommun", "212000-2882", M),
    "huddinge": ("Huddinge kommun", "212000-0134", M),
    "upplands-vasby": ("Upplands Väsby kommun", "212000-2924", M),
    "arbetsformedlingen": ("Arbetsförmedlingen", "202100-2114", S),
    "lansstyrelsen": ("Länsstyrelsen i Stockholms län", "202100-2312", F),
    "operator": ("Kompisbyrån (operatör)", "802400-5467", I),
    "stiftelse": ("Stiftelsen för kvinnors etablering", "802014-6588", F),
    "kvinnoforum": ("Kvinnors Nätverk Botkyrka", "802470-1925", I),
    "studieforbund": ("Studieförbundet Mötesplats", "802009-7716", I),
    "idrott": ("Föreningen Språkvänner Söder", "802501-1209", I),
}

# slug: (name, kind, status, partner keys)
TENANTS = {
    "jarfalla": ("JärfällaKompis", Tenant.Kind.MUNICIPALITY, Tenant.Status.ACTIVE, ["jarfalla"]),
    "kvinna": (
        "Kv(in)na",
        Tenant.Kind.PARTNERSHIP,
        Tenant.Status.ACTIVE,
        ["danderyd", "nacka", "nykvarn", "nynashamn", "sundbyberg", "salem", "operator", "stiftelse"],
    ),
    "fardighet": (
        "Färdighetsprogrammet",
        Tenant.Kind.PARTNERSHIP,
        Tenant.Status.ACTIVE,
        ["stockholm", "botkyrka", "huddinge", "jarfalla", "upplands-vasby", "lansstyrelsen"],
    ),
    "botkyrka": (
        "Tillväxt Kvinna",
        Tenant.Kind.PARTNERSHIP,
        Tenant.Status.ACTIVE,
        ["botkyrka", "arbetsformedlingen", "kvinnoforum", "studieforbund", "idrott"],
    ),
    "danderyd": ("Mentorskap Danderyd", Tenant.Kind.MUNICIPALITY, Tenant.Status.TRIAL, ["danderyd"]),
}
