# ruff: noqa: E501  (one message per line reads best in a translation table)
"""Swedish for every msgid of the project's own templates and models.

`python locale/sv_translations.py` fills locale/sv/LC_MESSAGES/django.po (made by
`manage.py makemessages -l sv`) and compiles django.mo with polib, so neither
the build nor `make test` needs GNU gettext.
"""

from pathlib import Path

import polib

SV = {
    "Heading level 2": "Rubriknivå 2",
    "Heading level 3": "Rubriknivå 3",
    "Text": "Text",
    "Level": "Nivå",
    "Heading": "Rubrik",
    "Title": "Rubrik",
    "Step": "Steg",
    "Quote": "Citat",
    "Name": "Namn",
    "Role": "Roll",
    "For example: mentor in Kv(in)na since 2023": "Till exempel: mentor i Kv(in)na sedan 2023",
    "Organisation": "Organisation",
    "Logo": "Logotyp",
    "Web address": "Webbadress",
    "Partner": "Partner",
    "Question": "Fråga",
    "Answer": "Svar",
    "Question and answer": "Fråga och svar",
    "E-mail": "E-post",
    "Phone": "Telefon",
    "Contact person": "Kontaktperson",
    "Button text": "Knapptext",
    "Page": "Sida",
    "Or web address": "Eller webbadress",
    "Used without a page": "Används om ingen sida är vald",
    "Call to action": "Uppmaning",
    "Paragraph": "Stycke",
    "Image": "Bild",
    "Content": "Innehåll",
    "hero heading": "rubrik i toppen",
    "hero text": "text i toppen",
    "hero image": "toppbild",
    "Without one, the theme's hero image is shown.": "Utan egen bild visas temats toppbild.",
    "call to action text": "text på knappen",
    "call to action page": "knappens sida",
    "intro": "ingress",
    "how it works": "så går det till",
    "participant quotes": "citat från deltagare",
    "partners": "partner",
    "Hero": "Toppen",
    "home page": "startsida",
    "summary": "sammanfattning",
    "Shown on the home page teaser.": "Visas i puffen på startsidan.",
    "image": "bild",
    "who it is for": "vem kan vara med",
    "commitment in short": "åtagande i korthet",
    "For example: at least three meetings in six months": "Till exempel: minst tre träffar på sex månader",
    "what it asks of you": "vad vi ber om",
    "more content": "mer innehåll",
    "sign-up heading": "rubrik för anmälan",
    'Without one: "How to sign up" in the page\'s language.': "Utan rubrik: ”Så anmäler du dig” på sidans språk.",
    "how to sign up": "så anmäler du dig",
    "sign-up open": "anmälan öppen",
    "Sign-up": "Anmälan",
    "program page": "programsida",
    "news index page": "nyhetslista",
    "date": "datum",
    "press release": "pressmeddelande",
    "body": "brödtext",
    "contact persons": "kontaktpersoner",
    "news page": "nyhet",
    "standard page": "standardsida",
    "questions": "frågor",
    "FAQ page": "sida med vanliga frågor",
    "e-mail": "e-post",
    "phone": "telefon",
    "postal address": "postadress",
    "contact page": "kontaktsida",
    "fully compliant": "helt förenlig",
    "partially compliant": "delvis förenlig",
    "not compliant": "inte förenlig",
    "compliance with WCAG 2.1 AA": "förenlighet med WCAG 2.1 AA",
    "statement": "redogörelse",
    "known accessibility issues": "kända brister i tillgängligheten",
    "e-mail for reporting a defect": "e-post för att rapportera brister",
    "Where visitors report accessibility problems.": "Dit besökare rapporterar problem med tillgängligheten.",
    "last assessed": "senast granskad",
    "accessibility statement": "tillgänglighetsredogörelse",
    "This website is %(status)s with WCAG 2.1 level AA.": "Webbplatsen är %(status)s med WCAG 2.1 nivå AA.",
    "Known accessibility issues": "Kända brister i tillgängligheten",
    "Report an accessibility problem": "Rapportera brister i tillgängligheten",
    "If something on this website does not work for you, or you need its content in another format, tell us and we will answer as soon as we can.": "Om något på webbplatsen inte fungerar för dig, eller om du behöver innehållet i ett annat format, berätta det för oss så svarar vi så snart vi kan.",
    "Accessibility problem": "Tillgänglighetsproblem",
    "Report a problem by e-mail": "Rapportera ett problem via e-post",
    "Use the contact details on our contact page.": "Använd kontaktuppgifterna på vår kontaktsida.",
    "The website was last assessed on %(date)s.": "Webbplatsen granskades senast den %(date)s.",
    "Postal address": "Postadress",
    "Contact persons": "Kontaktpersoner",
    "How it works": "Så går det till",
    "Our programs": "Våra program",
    "Sign up for %(title)s": "Anmäl dig till %(title)s",
    "In their own words": "Med deras egna ord",
    "Latest news": "Senaste nytt",
    "Partners": "Partner",
    "Press release": "Pressmeddelande",
    "No news yet.": "Inga nyheter ännu.",
    "News pages": "Nyhetssidor",
    "Newer": "Nyare",
    "Page %(number)s of %(total)s": "Sida %(number)s av %(total)s",
    "Older": "Äldre",
    "Contact": "Kontakt",
    "Who it is for": "Vem kan vara med?",
    "What it asks of you": "Vad vi ber om",
    "How to sign up": "Så anmäler du dig",
    "Sign-up is closed at the moment.": "Anmälan är stängd just nu.",
    "Search": "Sök",
    "Skip to content": "Hoppa till innehållet",
    "Enter a colour as #rrggbb, for example #1d4f91.": "Ange en färg som #rrggbb, till exempel #1d4f91.",
    "Calm": "Lugn",
    "System font (fast, neutral)": "Systemtypsnitt (snabbt, neutralt)",
    "Humanist sans-serif": "Humanistisk sans-serif",
    "Serif": "Serif",
    "Rounded": "Rundad",
    "base theme": "grundtema",
    "primary colour": "huvudfärg",
    "Header, buttons and links; white text is shown on it.": "Sidhuvud, knappar och länkar; vit text visas på den.",
    "accent colour": "accentfärg",
    "Call to action and highlights; dark text is shown on it.": "Uppmaningar och markeringar; mörk text visas på den.",
    "font": "typsnitt",
    "logo": "logotyp",
    "favicon": "favoritikon",
    "A square image, at least 64 × 64 pixels.": "En kvadratisk bild, minst 64 × 64 pixlar.",
    "Shown on home pages that have no hero image of their own.": "Visas på startsidor som saknar egen toppbild.",
    "Colours": "Färger",
    "Images": "Bilder",
    "theme": "tema",
    "White text on the primary colour (header, buttons)": "Vit text på huvudfärgen (sidhuvud, knappar)",
    "Links in the primary colour on the page background": "Länkar i huvudfärgen på sidans bakgrund",
    "Large text and controls on the accent colour": "Stor text och kontroller på accentfärgen",
    "%(pair)s: %(foreground)s on %(background)s has a contrast of %(ratio)s; WCAG 2.1 AA needs at least %(minimum)s.": "%(pair)s: %(foreground)s på %(background)s har kontrasten %(ratio)s; WCAG 2.1 AA kräver minst %(minimum)s.",
    "Sitemap": "Webbplatskarta",
    "Language": "Språk",
    "Main menu": "Huvudmeny",
    "Search the site": "Sök på webbplatsen",
}
SV_PLURAL = {
    "%(counter)s result for “%(query)s”": (
        "%(counter)s träff för ”%(query)s”",
        "%(counter)s träffar för ”%(query)s”",
    ),
}


def main() -> None:
    folder = Path(__file__).resolve().parent / "sv" / "LC_MESSAGES"
    po = polib.pofile(str(folder / "django.po"))
    po.metadata["Language"] = "sv"
    po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    missing = []
    for entry in po:
        if entry.msgid_plural:
            forms = SV_PLURAL.get(entry.msgid)
            if forms is None:
                missing.append(entry.msgid)
                continue
            entry.msgstr_plural = dict(enumerate(forms))
        elif entry.msgid in SV:
            entry.msgstr = SV[entry.msgid]
        else:
            missing.append(entry.msgid)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save()
    po.save_as_mofile(str(folder / "django.mo"))
    if missing:
        raise SystemExit("No Swedish for:\n" + "\n".join(missing))


if __name__ == "__main__":
    main()
