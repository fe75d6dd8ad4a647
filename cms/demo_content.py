"""Swedish (and some English) content of the demo tenants' landing sites, from the
programs in DESIGN.md. Plain data; cms.demo puts it into the page tree."""

from datetime import date

DEMO_SITES = {
    "jarfalla": {
        "theme": {"base_theme": "kompis", "primary": "#1d4f91", "accent": "#f2b705"},
        "hero_heading": "Bli kompis i Järfälla",
        "hero_text": (
            "JärfällaKompis för ihop dig som är ny i Järfälla med dig som har bott "
            "här länge. Ni träffas när och där det passar er – en fika, en "
            "promenad i Görvälns naturreservat eller en lördag på biblioteket."
        ),
        "hero_cta_text": "Anmäl dig som kompis",
        "intro": (
            "<p>Att lära känna någon som bor på samma ort är ett av de enklaste "
            "sätten att komma in i ett nytt sammanhang – och ett av de roligaste "
            "sätten att upptäcka sin egen kommun på nytt. JärfällaKompis drivs av "
            "Järfälla kommun och är öppet både för dig som kommer ensam och för "
            "familjer med små barn.</p>"
        ),
        "steps": [
            (
                "Anmäl dig",
                "Berätta om dig själv, dina intressen och – om ni är en "
                "familj – hur gamla barnen är.",
            ),
            (
                "Vi matchar er",
                "Vi föreslår en kompis eller kompisfamilj med liknande "
                "intressen och barn i ungefär samma ålder.",
            ),
            (
                "Ni får besked",
                "Båda får ett mejl och ett sms med kontaktuppgifter "
                "och tips på hur ni kan ta första kontakten.",
            ),
            (
                "Ni ses",
                "Ni bestämmer själva när och var ni träffas. Vi finns med om "
                "ni har frågor.",
            ),
        ],
        "quotes": [
            (
                "Vi flyttade hit från Aleppo för två år sedan. Genom JärfällaKompis "
                "fick barnen en extra mormor och vi fick vänner för livet.",
                "Rasha",
                "ny i Järfälla sedan 2023",
            ),
            (
                "Jag trodde att jag skulle hjälpa någon. Det visade sig att jag fick "
                "lika mycket tillbaka – och mina barn har fått en ny bästis.",
                "Karin",
                "etablerad kompis i Jakobsberg",
            ),
        ],
        "program": {
            "title": "JärfällaKompis",
            "slug": "jarfallakompis",
            "summary": (
                "Ny eller etablerad invånare, ensam eller familj med små barn: vi "
                "matchar er utifrån intressen och barnens åldrar."
            ),
            "audience": (
                "<p>Programmet är för dig som bor i Järfälla och är över 18 år:</p>"
                "<ul><li><b>Nya invånare</b> som har kommit till Sverige under de "
                "senaste åren och vill lära känna fler i kommunen.</li>"
                "<li><b>Etablerade invånare</b> som vill dela med sig av sin vardag, "
                "sitt språk och sina smultronställen.</li></ul>"
                "<p>Du kan anmäla dig själv eller hela familjen. Har ni barn under "
                "tolv år försöker vi hitta en familj med barn i liknande ålder.</p>"
            ),
            "commitment_summary": "Ni bestämmer själva hur ofta ni ses",
            "commitment": (
                "<p>Vi hoppas att ni ses ungefär en gång i månaden under ett halvår, "
                "men det viktigaste är att det passar er båda. Hör av dig till oss om "
                "matchningen inte fungerar – då hittar vi en ny kompis.</p>"
            ),
            "signup_text": (
                "<p>Fyll i anmälan nedan. Det tar ungefär fem minuter. Du får ett "
                "mejl där du bekräftar din adress, och inom några veckor hör vi av "
                "oss med ett förslag på kompis via mejl och sms.</p>"
            ),
            "en": {
                "title": "JärfällaKompis",
                "summary": (
                    "New or established resident, single or a family with small "
                    "children: we match you on interests and the children's ages."
                ),
                "commitment_summary": "You decide how often you meet",
                "signup_text": (
                    "<p>Fill in the form below; it takes about five minutes. We "
                    "will send you a proposed match by e-mail and text message.</p>"
                ),
            },
        },
        "news": [
            (
                date(2026, 10, 2),
                "Höstens kompisträff på Jakobsbergs bibliotek",
                "Välkommen på fika, lekar för barnen och tips om aktiviteter i "
                "Järfälla i höst.",
                False,
            ),
            (
                date(2026, 9, 1),
                "Över 300 kompispar sedan starten",
                "JärfällaKompis har nu matchat fler än 300 par och familjer. Vi tackar "
                "alla som har varit med.",
                True,
            ),
        ],
        "contact": (
            "kompis@jarfalla.se",
            "08-580 285 00",
            "Järfälla kommun\nJärfällaKompis\n177 80 Järfälla",
        ),
        "contact_person": ("Sara Lindqvist", "Samordnare, JärfällaKompis"),
        "faq": [
            ("Kostar det något?", "Nej, det är gratis att vara med."),
            (
                "Måste jag kunna svenska?",
                "Nej. Många använder träffarna för att öva "
                "svenska, men ni kan prata på det språk ni har gemensamt.",
            ),
            (
                "Kan vi vara med som familj?",
                "Ja. Anmäl hela familjen och ange "
                "barnens åldrar, så försöker vi hitta en familj som passar.",
            ),
            (
                "Vad händer om det inte fungerar?",
                "Hör av dig till samordnaren. "
                "Vi avslutar matchningen och kan föreslå en ny kompis.",
            ),
        ],
    },
    "kvinna": {
        "theme": {"base_theme": "calm", "primary": "#6b2c6f", "accent": "#f4c7d0"},
        "hero_heading": "Kv(in)na – mentorskap för kvinnor",
        "hero_text": (
            "Kv(in)na matchar nyanlända och utrikesfödda kvinnor och tjejer med "
            "yrkesverksamma kvinnor som mentorer, i Danderyd, Nacka, Nykvarn, "
            "Nynäshamn, Sundbyberg och Salem."
        ),
        "hero_cta_text": "Anmäl dig till Kv(in)na",
        "intro": (
            "<p>Kv(in)na är ett partnerskap mellan sex kommuner och Kompisbyrån, "
            "finansierat av Stiftelsen för kvinnors etablering. Genom mentorskap och "
            "nätverksträffar får kvinnor som är nya i Sverige kontakter, kunskap om "
            "arbetsmarknaden och förebilder – och mentorerna nya perspektiv.</p>"
        ),
        "steps": [
            (
                "Anmäl dig",
                "Som adept eller som mentor. Programmet är bara för "
                "kvinnor som bor i någon av de sex kommunerna.",
            ),
            (
                "Uppstartsträff",
                "Varje par börjar med en gemensam uppstartsträff där "
                "ni lär känna varandra och sätter upp mål.",
            ),
            (
                "Minst tre träffar",
                "Ni ses minst tre gånger under sex månader, när och var det passar er.",
            ),
            (
                "Nätverksträffar",
                "Alla adepter och mentorer bjuds in till "
                "gemensamma nätverksträffar under året.",
            ),
        ],
        "quotes": [
            (
                "Min mentor hjälpte mig att förstå hur man söker jobb i Sverige. I dag "
                "arbetar jag som undersköterska i Nacka.",
                "Amina",
                "adept 2025",
            ),
            (
                "Att vara mentor har gett mig lika mycket som min adept. Vi ses "
                "fortfarande varje månad.",
                "Helena",
                "mentor i Sundbyberg",
            ),
        ],
        "program": {
            "title": "Mentorskap i Kv(in)na",
            "slug": "mentorskap",
            "summary": (
                "Nyanlända och utrikesfödda kvinnor och tjejer matchas med "
                "yrkesverksamma kvinnor som mentorer."
            ),
            "audience": (
                "<ul><li><b>Adepter:</b> kvinnor och tjejer som är nyanlända eller "
                "födda utomlands och bor i Danderyd, Nacka, Nykvarn, Nynäshamn, "
                "Sundbyberg eller Salem.</li><li><b>Mentorer:</b> yrkesverksamma "
                "kvinnor med några års erfarenhet av arbetslivet i Sverige.</li></ul>"
            ),
            "commitment_summary": "Minst tre träffar på sex månader",
            "commitment": (
                "<p>Varje par börjar med en uppstartsträff. Därefter ses ni minst "
                "tre gånger under sex månader. Vi bjuder också in till "
                "nätverksträffar för alla deltagare.</p>"
            ),
            "signup_text": (
                "<p>Anmäl dig som adept eller mentor i formuläret nedan. Vi "
                "kontaktar dig inför nästa uppstartsträff.</p>"
            ),
            "ar": {
                "title": "الإرشاد في Kv(in)na",
                "summary": (
                    "تتم مطابقة النساء والفتيات القادمات حديثاً والمولودات خارج "
                    "السويد مع نساء عاملات كمرشدات."
                ),
                "commitment_summary": "ثلاثة لقاءات على الأقل خلال ستة أشهر",
                "signup_text": (
                    "<p>سجّلي كمتدرّبة أو كمرشدة في النموذج أدناه. سنتواصل معك "
                    "قبل لقاء البداية القادم.</p>"
                ),
            },
            "en": {
                "title": "Mentoring in Kv(in)na",
                "summary": (
                    "Newly arrived and foreign-born women and girls are matched "
                    "with employed women as mentors."
                ),
                "commitment_summary": "At least three meetings in six months",
                "signup_text": (
                    "<p>Sign up as a mentee or a mentor below. We will contact "
                    "you before the next kickoff meeting.</p>"
                ),
            },
        },
        "news": [
            (
                date(2026, 10, 15),
                "Nätverksträff i Nacka: vägar till första jobbet",
                "Arbetsgivare från vård, handel och teknik berättade om hur de "
                "rekryterar.",
                False,
            ),
            (
                date(2026, 8, 20),
                "Ny omgång av Kv(in)na startar i september",
                "Nu kan både adepter och mentorer anmäla sig till höstens omgång.",
                True,
            ),
        ],
        "contact": (
            "kvinna@kompisbyran.se",
            "08-123 456 70",
            "Kompisbyrån\nKv(in)na\nBox 123\n111 22 Stockholm",
        ),
        "contact_person": ("Leila Haddad", "Projektledare, Kv(in)na"),
        "faq": [
            (
                "Vem kan bli mentor?",
                "Kvinnor som arbetar och har några års "
                "erfarenhet av arbetslivet i Sverige.",
            ),
            (
                "Hur ofta ses vi?",
                "Minst tre gånger under sex månader, efter en gemensam uppstartsträff.",
            ),
            (
                "Jag bor inte i någon av de sex kommunerna. Kan jag vara med?",
                "Tyvärr inte i Kv(in)na, men kontakta oss så tipsar vi om andra "
                "program.",
            ),
        ],
    },
    "fardighet": {
        "theme": {"base_theme": "kompis", "primary": "#0b6e4f", "accent": "#ffd166"},
        "hero_heading": "Färdighetsprogrammet",
        "hero_text": (
            "Digitala träningspass för nyanlända ungdomar, med en coach som kan "
            "ämnet: kommunikation, konflikthantering, intervjuteknik och "
            "privatekonomi."
        ),
        "hero_cta_text": "Anmäl dig till ett pass",
        "intro": (
            "<p>Färdighetsprogrammet drivs av Stockholm, Botkyrka, Huddinge, "
            "Järfälla och Upplands Väsby och finansieras av Länsstyrelsen i "
            "Stockholms län. Programmet vänder sig till ungdomar som omfattas av "
            "den nya gymnasielagen.</p>"
        ),
        "steps": [
            ("Välj ett tema", "Varje pass har ett tema. Du väljer de pass du vill gå."),
            (
                "Vi matchar dig med en coach",
                "Inför varje pass får du en coach med erfarenhet av just det temat.",
            ),
            ("Träna digitalt", "Passen är digitala, så du kan vara med var du än bor."),
        ],
        "quotes": [
            (
                "Passet om intervjuteknik gjorde att jag vågade söka sommarjobb – och "
                "jag fick det!",
                "Yonas",
                "17 år, Huddinge",
            ),
            (
                "Som coach får jag dela det jag kan om privatekonomi med unga som "
                "verkligen vill lära sig.",
                "Mikael",
                "coach, ekonom",
            ),
        ],
        "program": {
            "title": "Träningspass med coach",
            "slug": "traningspass",
            "summary": (
                "Fyra teman, ett pass i taget: för varje pass matchas du med en "
                "coach som kan temat."
            ),
            "audience": (
                "<p>Ungdomar mellan 16 och 20 år som är nyanlända och omfattas av "
                "den nya gymnasielagen, och som bor i någon av de fem kommunerna. "
                "Coacher är vuxna med erfarenhet av passets tema.</p>"
            ),
            "commitment_summary": "Ett digitalt pass per tema, 90 minuter",
            "commitment": (
                "<p>Teman: <b>kommunikation</b>, <b>konflikthantering</b>, "
                "<b>intervjuteknik</b> och <b>privatekonomi</b>. Du väljer själv "
                "hur många pass du går.</p>"
            ),
            "signup_text": (
                "<p>Anmäl dig nedan och välj de teman du är intresserad av. Inför "
                "varje pass får du veta vem din coach är.</p>"
            ),
            "en": {
                "title": "Training sessions with a coach",
                "summary": (
                    "Four themes, one session at a time: for each session you are "
                    "matched with a coach who knows the theme."
                ),
                "commitment_summary": "One online session per theme, 90 minutes",
                "signup_text": "<p>Sign up below and choose your themes.</p>",
            },
        },
        "news": [
            (
                date(2026, 10, 20),
                "Nytt tema: privatekonomi",
                "Nu kan du anmäla dig till pass om budget, lön och skatt.",
                False,
            ),
            (
                date(2026, 9, 10),
                "Vi söker fler coacher",
                "Har du erfarenhet av intervjuer eller rekrytering? Bli coach!",
                False,
            ),
        ],
        "contact": (
            "fardighet@kompisbyran.se",
            "08-123 456 80",
            "Färdighetsprogrammet\nBox 456\n111 22 Stockholm",
        ),
        "contact_person": ("Johan Ek", "Samordnare, Färdighetsprogrammet"),
        "faq": [
            (
                "Behöver jag en dator?",
                "En mobiltelefon räcker. Vi kan också låna ut en surfplatta.",
            ),
            ("Kostar det något?", "Nej, programmet är gratis för deltagarna."),
            (
                "Kan jag byta coach?",
                "Du får en ny coach inför varje pass, med "
                "erfarenhet av just det temat.",
            ),
        ],
    },
    "botkyrka": {
        "theme": {"base_theme": "calm", "primary": "#8a1c1c", "accent": "#f6bd60"},
        "hero_heading": "Tillväxt Kvinna",
        "hero_text": (
            "Mentorskap, arbetsgivarträffar och språkaktiviteter för utrikesfödda "
            "kvinnor i Botkyrka som vill ta nästa steg mot arbete eller studier."
        ),
        "hero_cta_text": "Läs om mentorskapet",
        "intro": (
            "<p>Tillväxt Kvinna är ett idéburet offentligt partnerskap (IOP) mellan "
            "Botkyrka kommun, Arbetsförmedlingen och tre idéburna organisationer. "
            "Mentorerna är kvinnor som själva har gått igenom etableringen i "
            "Sverige.</p>"
        ),
        "steps": [
            (
                "Du blir anvisad",
                "Arbetsförmedlingen anvisar dig till programmet, "
                "eller så anmäler du intresse själv.",
            ),
            (
                "Du får en mentor",
                "En kvinna som själv har gjort resan in på den "
                "svenska arbetsmarknaden.",
            ),
            (
                "Aktiviteter",
                "Träffa arbetsgivare i vårt nätverk och öva svenska i språkcaféer.",
            ),
            (
                "Uppföljning",
                "Vi följer upp hur det går för dig, även efter programmet.",
            ),
        ],
        "quotes": [
            (
                "Min mentor visste precis hur det känns att börja om. Nu studerar jag "
                "till barnskötare.",
                "Fatima",
                "deltagare 2025",
            ),
        ],
        "program": {
            "title": "Mentorskap i Tillväxt Kvinna",
            "slug": "mentorskap",
            "summary": (
                "För utrikesfödda kvinnor 25–64 år som står utanför "
                "arbetsmarknaden, med en mentor som har gjort samma resa."
            ),
            "audience": (
                "<p>Kvinnor mellan 25 och 64 år, födda utanför Sverige, som bor i "
                "Botkyrka och står utanför arbetsmarknaden. De flesta anvisas av "
                "Arbetsförmedlingen.</p>"
            ),
            "commitment_summary": "Mentorsträffar varannan vecka i ett år",
            "commitment": (
                "<p>Du träffar din mentor ungefär varannan vecka och deltar i "
                "minst en arbetsgivarträff och ett språkcafé per månad.</p>"
            ),
            "signup_text": (
                "<p>Har du blivit anvisad av Arbetsförmedlingen? Då kontaktar vi "
                "dig. Du kan också anmäla intresse i formuläret nedan.</p>"
            ),
            "en": {
                "title": "Mentoring in Tillväxt Kvinna",
                "summary": (
                    "For foreign-born women aged 25–64 outside the labour market, "
                    "with a mentor who made the same journey."
                ),
                "commitment_summary": "Mentor meetings every other week for a year",
                "signup_text": "<p>Register your interest below.</p>",
            },
        },
        "news": [
            (
                date(2026, 10, 8),
                "Arbetsgivarträff med vård och omsorg i Tumba",
                "Tolv arbetsgivare träffade deltagarna i Tillväxt Kvinna.",
                False,
            ),
            (
                date(2026, 6, 12),
                "Hälften av deltagarna i arbete eller studier",
                "Uppföljningen efter ett år visar att 52 procent av deltagarna "
                "arbetar eller studerar.",
                True,
            ),
        ],
        "contact": (
            "tillvaxtkvinna@botkyrka.se",
            "08-530 610 00",
            "Botkyrka kommun\nTillväxt Kvinna\n147 85 Tumba",
        ),
        "contact_person": ("Nadia Karimi", "Samordnare, Tillväxt Kvinna"),
        "faq": [
            (
                "Måste jag vara anvisad av Arbetsförmedlingen?",
                "Nej, du kan också anmäla intresse själv.",
            ),
            (
                "Vad gör en mentor?",
                "Hon lyssnar, delar sina erfarenheter och "
                "hjälper dig att hitta vägar till arbete eller studier.",
            ),
        ],
    },
    "danderyd": {
        "theme": {"base_theme": "kompis", "primary": "#00507a", "accent": "#9ad1d4"},
        "hero_heading": "Mentorskap Danderyd",
        "hero_text": (
            "Är du ny i Sverige och har en utbildning eller ett yrke med dig? Få "
            "en mentor i Danderyd med liknande bakgrund."
        ),
        "hero_cta_text": "Anmäl dig",
        "intro": (
            "<p>Danderyds kommun matchar nyanlända med mentorer som har liknande "
            "eftergymnasial utbildning eller yrke. Tillsammans arbetar ni med cv, "
            "intervjuträning och kontakter i branschen.</p>"
        ),
        "steps": [
            ("Anmäl dig", "Berätta om din utbildning och ditt yrke."),
            ("Vi matchar", "Vi hittar en mentor inom samma eller närliggande område."),
            ("Åtta månader", "Ni ses en gång i månaden i åtta månader."),
        ],
        "quotes": [
            (
                "Min mentor är också ingenjör. Han hjälpte mig med cv:t och att öva "
                "inför intervjuer.",
                "Omar",
                "civilingenjör, adept 2025",
            ),
        ],
        "program": {
            "title": "Mentorskap utbildning och yrke",
            "slug": "mentorskap",
            "summary": (
                "Nyanlända matchas med mentorer som har liknande utbildning eller "
                "yrke: cv, intervjuträning och kontakter."
            ),
            "audience": (
                "<p>Nyanlända som bor i Danderyd och har eftergymnasial utbildning "
                "eller yrkeserfarenhet, och mentorer med liknande bakgrund.</p>"
            ),
            "commitment_summary": "En träff i månaden i åtta månader",
            "commitment": (
                "<p>Ni ses en gång i månaden under åtta månader och arbetar med "
                "cv, intervjuträning och nätverk.</p>"
            ),
            "signup_text": "<p>Fyll i anmälan nedan, som adept eller mentor.</p>",
            "en": {
                "title": "Mentoring by education and profession",
                "summary": (
                    "Newcomers are matched with mentors of similar education or "
                    "profession: CV, interview practice and contacts."
                ),
                "commitment_summary": "One meeting a month for eight months",
                "signup_text": "<p>Sign up below as a mentee or a mentor.</p>",
            },
        },
        "news": [
            (
                date(2026, 9, 25),
                "Nu startar höstens mentorskap",
                "Tolv par har matchats inom teknik, ekonomi och vård.",
                False,
            ),
        ],
        "contact": (
            "mentorskap@danderyd.se",
            "08-568 910 00",
            "Danderyds kommun\nMentorskap\n182 25 Danderyd",
        ),
        "contact_person": ("Eva Berg", "Integrationssamordnare"),
        "faq": [
            ("Måste jag ha en examen?", "Nej, yrkeserfarenhet räcker också."),
            ("Hur ofta ses vi?", "En gång i månaden i åtta månader."),
        ],
    },
}

# The English home page of every demo site (the rest of the English site is left
# for the editors to translate through the admin).
HOME_EN = {
    "jarfalla": (
        "Become a friend in Järfälla",
        "JärfällaKompis brings together people who are new in Järfälla and people "
        "who have lived here for a long time. You meet when and where it suits you.",
        "Sign up",
    ),
    "kvinna": (
        "Kv(in)na – mentoring for women",
        "Kv(in)na matches newly arrived and foreign-born women and girls with "
        "employed women as mentors in six municipalities.",
        "Sign up for Kv(in)na",
    ),
    "fardighet": (
        "The Skills Programme",
        "Online training sessions for newly arrived young people, each with a "
        "coach who knows the theme.",
        "Sign up for a session",
    ),
    "botkyrka": (
        "Tillväxt Kvinna",
        "Mentoring, employer meetings and language activities for foreign-born "
        "women in Botkyrka.",
        "Read about the mentoring",
    ),
    "danderyd": (
        "Mentoring in Danderyd",
        "New in Sweden with an education or a profession? Get a mentor with a "
        "similar background.",
        "Sign up",
    ),
}

ABOUT_TITLE = "Om oss"
ABOUT_BODY = (
    "<p>{name} drivs av {partners}. Webbplatsen och matchningen körs på "
    "Kompisplattformen, som Kompisbyrån erbjuder kommuner och partnerskap i hela "
    "landet.</p><p>Personuppgifter som du lämnar vid anmälan används bara för att "
    "matcha dig och följa upp programmet. Du kan när som helst se, ändra eller "
    "radera dina uppgifter.</p>"
)

# The Arabic home page of the demo sites whose participants read Arabic.
HOME_AR = {
    "kvinna": (
        "Kv(in)na – الإرشاد للنساء",
        "تطابق Kv(in)na النساء والفتيات القادمات حديثاً والمولودات خارج السويد مع "
        "نساء عاملات كمرشدات في ست بلديات.",
        "سجّلي في Kv(in)na",
    ),
}
