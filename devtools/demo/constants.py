"""Fixed facts of the demo data set: sizes, logins, markers and invented texts."""

from __future__ import annotations

from dataclasses import dataclass

# Every demo user, volunteer and organisation has an address under this domain,
# and every demo family a consent with DEMO_CONSENT_VERSION: that is how --flush
# finds exactly what the command created (the schema has no "is demo" column).
DEMO_DOMAIN = "demo.example.org"
DEMO_CONSENT_VERSION = "demo-2026"
DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 (published on purpose: demo logins only)

# Staff need an authenticator app (two-step login). Every demo staff account shares
# this published secret: add it to an authenticator app, or print the current code
# with `manage.py seed_demo --totp-code`. Demo only: never use it for real accounts.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105

ADMIN_EMAIL = f"admin@{DEMO_DOMAIN}"
INTAKE_EMAIL = f"intake@{DEMO_DOMAIN}"
VOLUNTEER_EMAIL = f"volunteer@{DEMO_DOMAIN}"
SCHOOL_PARTNER_EMAIL = f"partner@school.{DEMO_DOMAIN}"
WIJKTEAM_PARTNER_EMAIL = f"partner@wijkteam.{DEMO_DOMAIN}"


def coordinator_email(slug: str) -> str:
    return f"coordinator.{slug}@{DEMO_DOMAIN}"


@dataclass(frozen=True)
class Size:
    families: int
    volunteers: int


SIZES = {
    "small": Size(families=300, volunteers=200),
    # The benchmark set: 30% of requests are matched, so 3,000 active matches.
    "large": Size(families=10_000, volunteers=5_200),
}

# Programme shares, used for both requests and volunteers so that capacity fits.
PROGRAMME_WEIGHTS = {
    "buurtgezinnen": 0.28,
    "home-start": 0.26,
    "steunouder": 0.16,
    "samen-oplopen": 0.15,
    "meeleefgezin": 0.15,
}
PROGRAMME_KIND = {
    "buurtgezinnen": "steungezin",
    "steunouder": "steunouder",
    "meeleefgezin": "meeleefgezin",
    "home-start": "home_start",
    "samen-oplopen": "samen_oplopen",
}
# A volunteer of the first programme sometimes volunteers for the second too.
SECOND_PROGRAMME = {
    "buurtgezinnen": "steunouder",
    "steunouder": "buurtgezinnen",
    "home-start": "samen-oplopen",
    "samen-oplopen": "home-start",
    "meeleefgezin": "buurtgezinnen",
}
# Ages (today) of the child a request is mostly about, per programme.
TYPICAL_CHILD_AGE = {
    "buurtgezinnen": (1, 12),
    "steunouder": (0, 12),
    "meeleefgezin": (0, 4),
    "home-start": (0, 8),
    "samen-oplopen": (9, 19),
}

REQUEST_STATUS_WEIGHTS = {
    "new": 0.09,
    "intake_planned": 0.06,
    "intake_done": 0.05,
    "waiting": 0.15,
    "matched": 0.30,
    "closed": 0.20,
    "withdrawn": 0.08,
    "referred": 0.07,
}
VOLUNTEER_STATUS_WEIGHTS = {
    "applied": 0.06,
    "screening": 0.09,
    "approved": 0.14,
    "active": 0.57,
    "paused": 0.05,
    "stopped": 0.06,
    "rejected": 0.03,
}
SOURCE_WEIGHTS = {"self": 0.55, "partner": 0.35, "programme": 0.10}

# Home language of a family, and the extra languages a volunteer may speak.
FAMILY_LANGUAGE_WEIGHTS = {"nl": 0.72, "ar": 0.08, "tr": 0.07, "pl": 0.05, "uk": 0.05, "en": 0.03}
VOLUNTEER_EXTRA_LANGUAGES = {"en": 0.18, "ar": 0.06, "tr": 0.06, "pl": 0.04, "uk": 0.04}

# Invented partner organisations: (name, kind, mail subdomain).
PARTNER_ORGANISATIONS = [
    ("Basisschool De Notenkraker", "school", "notenkraker"),
    ("Kindcentrum De Vliegeraar", "school", "vliegeraar"),
    ("Basisschool Het Wolkenschip", "school", "wolkenschip"),
    ("Wijkteam Ganzenwei", "wijkteam", "ganzenwei"),
    ("Wijkteam Hazelaarpark", "wijkteam", "hazelaarpark"),
    ("JGZ Consultatiebureau De Hummel", "jgz", "dehummel"),
    ("Huisartsenpraktijk Ganzenwei", "gp", "hap-ganzenwei"),
    ("Gezondheidscentrum Hazelaarpark", "gp", "gc-hazelaarpark"),
]
SCHOOL_WITH_LOGIN = "Basisschool De Notenkraker"
WIJKTEAM_WITH_LOGIN = "Wijkteam Ganzenwei"
COALITION_OFFICE = "Coalitie Informele Steun Tilburg"

# PC4s where few people live (industrial estates) or villages get a lower weight.
PC4_WEIGHT = {
    "5013": 0.3,
    "5015": 0.1,
    "5047": 0.1,
    "5048": 0.1,
    "5056": 0.6,
    "5057": 0.6,
    "5071": 0.5,
    "5074": 0.2,
}

SITUATION_TEXTS = [
    "Ik sta er alleen voor en merk dat ik het niet meer volhoud.",
    "Onze familie woont ver weg, we hebben niemand om even op de kinderen te passen.",
    "We wonen sinds kort in Tilburg en kennen hier nog bijna niemand.",
    "Mijn zoon heeft veel aandacht nodig en ik kom niet meer aan mezelf toe.",
    "Ik werk in ploegendienst en de opvang sluit te vroeg.",
    "Sinds de scheiding is alles zwaar, ik zou graag iemand hebben om mee te praten.",
    "Mijn dochter zit niet lekker in haar vel en praat moeilijk met ons.",
    "We hebben schulden en dat geeft veel spanning in huis.",
    "Ik wil graag leren hoe ik rust en regelmaat krijg in ons gezin.",
    "De juf raadde ons aan om hulp te vragen.",
    "Mijn man is veel weg voor zijn werk, ik ben vaak alleen met drie kleintjes.",
    "Ik ben zwanger van de derde en heb nu al weinig energie.",
    "",
]
HEALTH_NOTES = [
    "Moeder is herstellende na een operatie.",
    "Vader heeft een chronische ziekte en is snel moe.",
    "Moeder is in behandeling voor een depressie.",
    "Ouder heeft angstklachten en komt moeilijk de deur uit.",
]
MOTIVATIONS = [
    "Onze kinderen zijn groot, we hebben tijd en ruimte over.",
    "Ik ben zelf opgegroeid met hulp van buren en wil iets terugdoen.",
    "Ik werk in het onderwijs en wil me ook buiten school inzetten.",
    "We vinden het fijn om een kind een tweede thuis te bieden.",
    "Ik ben net met pensioen en zoek zinvol vrijwilligerswerk.",
    "Als moeder weet ik hoe zwaar de eerste jaren kunnen zijn.",
    "Ik wil jongeren helpen hun weg te vinden.",
]
CONTACT_TIMES = ["", "", "Ochtenden", "Na 15:00", "Liever niet op woensdag", "Tussen 10 en 12"]
CLOSING_REASONS = {
    "closed": [
        "Doelen bereikt, gezin heeft geen steun meer nodig.",
        "Na de intake bleek de vraag opgelost.",
        "Gezin redt zich weer met het eigen netwerk.",
    ],
    "withdrawn": [
        "Gezin heeft de aanvraag ingetrokken.",
        "Ouder wil het eerst zelf proberen.",
        "Gezin is verhuisd.",
    ],
    "referred": [
        "Doorverwezen naar het wijkteam voor professionele hulp.",
        "Doorverwezen naar de jeugdhulp van de gemeente.",
        "Doorverwezen naar schuldhulpverlening.",
    ],
}
REFERRAL_REASONS = [
    "Moeder is alleen en overbelast, geen netwerk in de buurt.",
    "Kind komt vaak moe en zonder ontbijt op school.",
    "Gezin is nieuw in Nederland en zoekt aansluiting.",
    "Ouders hebben veel spanning thuis, kind heeft baat bij een rustige plek.",
    "Vader vraagt om steun bij de opvoeding.",
]
PROGRAMME_REFERRAL_REASONS = [
    "De kinderen zijn te oud voor ons programma.",
    "Het gezin zoekt vooral steun aan huis.",
    "Wachtlijst bij ons is lang, bij jullie is plaats.",
]
NOTE_TEXTS = {
    "family": [
        "Intakegesprek gepland met moeder, zij belt liever na 15:00.",
        "Telefonisch contact: vader laat weten dat het even wat beter gaat.",
        "Moeder heeft de formulieren ingevuld, wacht nog op handtekening.",
    ],
    "volunteer": [
        "Kennismakingsgesprek gehad, enthousiaste en rustige indruk.",
        "VOG aangevraagd, wacht op de uitslag van Justis.",
        "Referenties nagebeld, beide positief.",
    ],
    "match": [
        "Evaluatie: het gaat goed, kinderen kijken uit naar de woensdag.",
        "Vrijwilliger geeft aan dat de vaste dag lastig wordt, zoeken andere dag.",
        "Moeder is tevreden, wil graag doorgaan na de proefperiode.",
        "Kort contact gehad, geen bijzonderheden.",
    ],
}
FOLLOWUP_NOTES = [
    "Loopt goed.",
    "Beide kanten tevreden, afspraken blijven hetzelfde.",
    "Kleine aanpassing in de dag, verder prima.",
    "",
]

# Names that Faker has no Latin-script locale for: common given names and
# surnames, combined at random, so the people are invented.
ARABIC_FIRST = ["Mohammed", "Fatima", "Youssef", "Amina", "Omar", "Salma", "Ibrahim", "Nour"]
ARABIC_LAST = ["El Amrani", "Haddad", "Bouzid", "El Idrissi", "Saleh", "Khalil", "Mansour"]
UKRAINIAN_FIRST = ["Olena", "Oleksandr", "Iryna", "Andrii", "Natalia", "Dmytro", "Sofiia"]
UKRAINIAN_LAST = ["Kovalenko", "Bondarenko", "Tkachenko", "Melnyk", "Shevchuk", "Kravets"]
