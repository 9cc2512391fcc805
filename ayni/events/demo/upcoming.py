"""Two upcoming events, fictional from end to end (speakers, co-hosts, venue, registrants):
one online across two languages and zones, one small workshop in London that is full, with a
waiting list. Their dates are counted from the day the demo is loaded, so they stay ahead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from typing import Any

from ayni.events.enums import EventFormat, Role


@dataclass(frozen=True)
class Upcoming:
    """An upcoming demo event: its fields, when it is (days from now, the local start and how
    long), its co-hosts, panel and agenda, and how many fictional people register."""

    event: dict[str, Any]
    days_ahead: int
    starts: time
    minutes: int
    co_hosts: list[tuple[str, str]]
    panel: list[dict[str, Any]]
    # (time of day in the event's zone, title in English, in Spanish, the speaker's slug)
    agenda: list[tuple[time, str, str, str]]
    registrants: int
    spanish_share: float  # of registrants who read in Spanish
    email_tag: str  # in their addresses, so each event's registrants are told apart
    opened_days_ago: int  # registration spread over these last days


ONLINE = Upcoming(
    event={
        "slug": "lithium-and-sovereignty",
        "title_en": "Lithium and Sovereignty: Who Decides Bolivia's Future?",
        "title_es": "Litio y soberanía: ¿quién decide el futuro de Bolivia?",
        "summary_en": (
            "A bilingual conversation with voices from Bolivia's social movements and its "
            "diaspora on lithium, sovereignty and what solidarity can do."
        ),
        "summary_es": (
            "Una conversación bilingüe con voces de los movimientos sociales de Bolivia y de su "
            "diáspora sobre el litio, la soberanía y lo que puede hacer la solidaridad."
        ),
        "description_en": """\
Bolivia holds some of the largest lithium reserves in the world, and more and more governments
and companies want a share. Who should decide how it is used, and who should benefit?

Our speakers — fictional, for this demonstration — bring the view from a community water
committee on the Altiplano, from a university energy research group and from a trades council
in Britain.

There will be time for your questions, in Spanish or in English: interpretation runs both ways
throughout.
""",
        "description_es": """\
Bolivia tiene algunas de las mayores reservas de litio del mundo, y cada vez más gobiernos y
empresas quieren su parte. ¿Quién debe decidir cómo se usa y quién debe beneficiarse?

Quienes intervienen —personajes ficticios, para esta demostración— traen la mirada de un comité
comunitario del agua del Altiplano, de un grupo universitario de investigación energética y de
un consejo sindical de Gran Bretaña.

Habrá tiempo para tus preguntas, en español o en inglés: hay interpretación en ambos sentidos
durante todo el encuentro.
""",
        "format": EventFormat.ONLINE,
        "time_zone": "America/La_Paz",
        "languages": "es,en",
        "interpretation": "Spanish ↔ English",
        "accessibility_en": (
            "Spanish–English interpretation throughout, and live captions in both languages. "
            "You can send questions in writing in the chat. Tell us about any other access "
            "needs when you register."
        ),
        "accessibility_es": (
            "Interpretación español–inglés durante todo el encuentro y subtítulos en directo en "
            "los dos idiomas. Puedes enviar tus preguntas por escrito en el chat. Cuéntanos "
            "cualquier otra necesidad de accesibilidad al inscribirte."
        ),
        "meeting_url": "https://meet.example.org/friends-of-bolivia/lithium-and-sovereignty",
    },
    days_ahead=10,
    starts=time(18, 0),
    minutes=90,
    co_hosts=[("Eastvale Latin America Solidarity Group (fictional)", "eastvale-solidarity")],
    panel=[
        {
            "name": "Pilar Testwell",
            "slug": "pilar-testwell",
            "affiliation": "Secretary, Eastvale Latin America Solidarity Group (fictional)",
            "role": Role.CHAIR,
            "bio_en": "Pilar has organised solidarity meetings in Eastvale for a decade. "
            "(A fictional speaker.)",
            "bio_es": "Pilar organiza encuentros solidarios en Eastvale desde hace diez años. "
            "(Una ponente ficticia.)",
        },
        {
            "name": "Tomasa Ejemplar Quispe",
            "slug": "tomasa-ejemplar-quispe",
            "affiliation": "Coordinator, Altiplano Water Committee (fictional)",
            "role": Role.SPEAKER,
            "bio_en": "Tomasa speaks for communities who share their water with the salt flats. "
            "(A fictional speaker.)",
            "bio_es": "Tomasa habla por las comunidades que comparten su agua con los salares. "
            "(Una ponente ficticia.)",
        },
        {
            "name": "Dr Nuno Imaginario",
            "slug": "nuno-imaginario",
            "affiliation": "Energy researcher, Riverside University (fictional)",
            "role": Role.SPEAKER,
            "bio_en": "Nuno studies who gains from the minerals of the energy transition. "
            "(A fictional speaker.)",
            "bio_es": "Nuno estudia quién gana con los minerales de la transición energética. "
            "(Un ponente ficticio.)",
        },
        {
            "name": "Farid Mockridge",
            "slug": "farid-mockridge",
            "affiliation": "International Officer, Lakeside Trades Council (fictional)",
            "role": Role.RESPONDENT,
        },
        {
            "name": "Vera Dummett",
            "slug": "vera-dummett",
            "affiliation": "Volunteer interpreter, Spanish and English (fictional)",
            "role": Role.INTERPRETER,
        },
    ],
    agenda=[
        (time(18, 0), "Welcome and introductions", "Bienvenida y presentaciones", "pilar-testwell"),
        (
            time(18, 10),
            "The view from the Altiplano",
            "La mirada desde el Altiplano",
            "tomasa-ejemplar-quispe",
        ),
        (time(18, 30), "Lithium, prices and power", "Litio, precios y poder", "nuno-imaginario"),
        (
            time(18, 50),
            "Response: what unions in Britain can do",
            "Respuesta: lo que pueden hacer los sindicatos en Gran Bretaña",
            "farid-mockridge",
        ),
        (time(19, 5), "Your questions", "Tus preguntas", "pilar-testwell"),
        (time(19, 25), "Close", "Cierre", "pilar-testwell"),
    ],
    registrants=20,
    spanish_share=0.5,
    email_tag="lithium",
    opened_days_ago=14,
)

IN_PERSON = Upcoming(
    event={
        "slug": "twin-your-branch-with-bolivia",
        "title_en": "Twin Your Branch with Bolivia: a Workshop in London",
        "title_es": "Hermana tu sección sindical con Bolivia: un taller en Londres",
        "summary_en": (
            "A small, practical workshop for branch officers who want to build lasting links "
            "with a Bolivian union and take a motion of solidarity to their branch."
        ),
        "summary_es": (
            "Un taller pequeño y práctico para responsables sindicales que quieren crear "
            "vínculos duraderos con un sindicato boliviano y llevar una moción de solidaridad a "
            "su sección."
        ),
        "description_en": """\
Bring your branch's questions. In two hours we will draft a twinning proposal and a model
motion you can take to your next branch meeting, with help from people who have done it.

Places are limited to twelve so that everyone takes part. If it is full, join the waiting
list: when a place frees up, the first person waiting gets it and is told by email.
""",
        "description_es": """\
Trae las preguntas de tu sección. En dos horas redactaremos una propuesta de hermanamiento y
una moción modelo que podrás llevar a tu próxima asamblea, con ayuda de gente que ya lo ha
hecho.

Las plazas se limitan a doce para que todo el mundo participe. Si está lleno, apúntate a la
lista de espera: cuando se libere una plaza, será para la primera persona en espera, que
recibirá un aviso por correo.
""",
        "format": EventFormat.IN_PERSON,
        "time_zone": "Europe/London",
        "languages": "en",
        "venue_name": "Tanner Lane Community Centre",
        "venue_address": "Kestrel Room, ground floor\n14 Tanner Lane\nLondon N7 9ZZ\nUnited Kingdom",
        "capacity": 12,
        "accessibility_en": (
            "Step-free access from the street and an accessible toilet on the same floor. The "
            "room has a hearing loop. Tell us about your access needs when you register."
        ),
        "accessibility_es": (
            "Acceso sin escalones desde la calle y un baño accesible en la misma planta. La sala "
            "tiene bucle magnético. Cuéntanos tus necesidades de accesibilidad al inscribirte."
        ),
    },
    days_ahead=24,
    starts=time(18, 30),
    minutes=120,
    co_hosts=[("Northtown NEU branch (fictional)", "northtown-neu")],
    panel=[
        {
            "name": "Carmen Demoford",
            "slug": "carmen-demoford",
            "affiliation": "Branch Secretary, Northtown NEU branch (fictional)",
            "role": Role.CHAIR,
        },
        {
            "name": "Hugo Fakeley",
            "slug": "hugo-fakeley",
            "affiliation": "Twinning coordinator, Westmoor GMB branch (fictional)",
            "role": Role.SPEAKER,
            "bio_en": "Hugo's branch twinned with a Bolivian miners' union three years ago. "
            "(A fictional speaker.)",
            "bio_es": "La sección de Hugo se hermanó con un sindicato minero boliviano hace tres "
            "años. (Un ponente ficticio.)",
        },
        {
            "name": "Ximena Inventado Mamani",
            "slug": "ximena-inventado-mamani",
            "affiliation": "Diaspora Solidarity Network (fictional)",
            "role": Role.SPEAKER,
        },
    ],
    agenda=[
        (time(18, 30), "Welcome", "Bienvenida", "carmen-demoford"),
        (
            time(18, 40),
            "How our twinning started",
            "Cómo empezó nuestro hermanamiento",
            "hugo-fakeley",
        ),
        (
            time(19, 0),
            "Bolivian unions today",
            "Los sindicatos bolivianos hoy",
            "ximena-inventado-mamani",
        ),
        (time(19, 20), "Drafting in small groups", "Redacción en grupos pequeños", ""),
        (time(20, 15), "Next steps", "Próximos pasos", "carmen-demoford"),
    ],
    registrants=15,  # for 12 places: 3 on the waiting list
    spanish_share=0.2,
    email_tag="workshop",
    opened_days_ago=12,
)

EVENTS = [ONLINE, IN_PERSON]
