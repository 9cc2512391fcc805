"""The demo campaign: facts from the scenario (a Bolivia solidarity campaign), every sentence new.

All people and organisations below are fictional.
"""

from __future__ import annotations

SLUG = "stand-with-democracy-in-bolivia"

STATEMENT = {
    "en": {
        "title": "Stand with Democracy and Social Progress in Bolivia",
        "target": "The UK government, trade unions and Labour movement representatives",
        "summary": (
            "No to anti-democratic violence and destabilisation. Add your name to stand with "
            "Bolivia's elected government and the popular organisations defending it."
        ),
        "image_alt": "A Wiphala flag, its squares of colour bright against the sky",
        "body": """\
Bolivia's people elected their government at the ballot box in 2020, a year after the coup
of 2019 forced out the government of Evo Morales. Since then the country has begun to rebuild
what the coup regime tore down.

**We, the undersigned, say no to anti-democratic violence and destabilisation.**

In recent weeks a campaign led from Santa Cruz has tried to paralyse the country: roads
blocked, factories forced shut, and the offices of the regional peasant workers' federation
destroyed. Bolivia's own human rights assembly has warned that union and community leaders are
being threatened and intimidated. Its purpose is plain: to weaken an elected government and
open the way to another attempt to overturn the vote.

The gains at stake are real:

- urban unemployment down from 8.1% to 5.3% in a single year, and far fewer adults living in
  moderate poverty;
- a minimum wage raised by 4% in agreement with the national trade union centre, the COB;
- a wealth tax that helps pay for health, education and the fight against hunger;
- stronger protection for women and children against violence.

We call on:

1. the UK government to respect Bolivia's sovereignty and its democratic institutions;
2. our trade unions and representatives to build direct links with their Bolivian
   counterparts;
3. union and party branches everywhere to pass motions of solidarity — at branch, regional and
   national level.

The people of Bolivia have defended their democracy before. They should not have to do it
alone.
""",
    },
    "es": {
        "title": "Con la democracia y el progreso social en Bolivia",
        "target": "El gobierno británico, los sindicatos y los representantes del movimiento laborista",
        "summary": (
            "No a la violencia antidemocrática y a la desestabilización. Suma tu nombre en apoyo al "
            "gobierno electo de Bolivia y a las organizaciones populares que lo defienden."
        ),
        "image_alt": "Una bandera wiphala, con sus cuadros de colores vivos contra el cielo",
        "body": """\
El pueblo boliviano eligió a su gobierno en las urnas en 2020, un año después de que el golpe
de 2019 derrocara al gobierno de Evo Morales. Desde entonces el país ha empezado a reconstruir
lo que el régimen golpista destruyó.

**Quienes firmamos decimos no a la violencia antidemocrática y a la desestabilización.**

En las últimas semanas, una campaña dirigida desde Santa Cruz ha intentado paralizar el país:
carreteras bloqueadas, fábricas obligadas a cerrar y la sede de la federación regional de
trabajadores campesinos destruida. La propia asamblea de derechos humanos de Bolivia ha
advertido que dirigentes sindicales y comunitarios sufren amenazas e intimidación. El propósito
es evidente: debilitar a un gobierno electo y abrir el camino a otro intento de anular el voto.

Lo que está en juego es real:

- el desempleo urbano bajó del 8,1 % al 5,3 % en un solo año, y hay muchas menos personas
  adultas en situación de pobreza moderada;
- el salario mínimo subió un 4 % en acuerdo con la central sindical nacional, la COB;
- un impuesto a las grandes fortunas ayuda a financiar la salud, la educación y la lucha
  contra el hambre;
- hay más protección para mujeres, niñas y niños frente a la violencia.

Pedimos:

1. al gobierno británico, que respete la soberanía de Bolivia y sus instituciones democráticas;
2. a nuestros sindicatos y representantes, que establezcan vínculos directos con sus pares
   bolivianos;
3. a las secciones sindicales y de partido de todas partes, que aprueben mociones de
   solidaridad en el ámbito local, regional y nacional.

El pueblo boliviano ya ha defendido su democracia. No debería tener que hacerlo en soledad.
""",
    },
}

# Fictional, and recognisably so.
NOTABLES = [
    ("Cllr Marta Invented", "Chair, Northtown Trades Council (fictional)", "GB"),
    (
        "Dr Pablo Ejemplo",
        "Lecturer in Latin American Studies, Riverside University (fictional)",
        "GB",
    ),
    ("Rosa Placeholder MP", "Member of Parliament for Anytown East (fictional)", "GB"),
    ("Juana Ficticia Mamani", "Coordinator, Diaspora Solidarity Network (fictional)", "BO"),
]

FIRST_NAMES = [
    "Ada", "Bruno", "Carmen", "Dylan", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kemi",
    "Luis", "Maya", "Nuno", "Olga", "Pilar", "Quentin", "Rania", "Sami", "Tomasa", "Ugo", "Vera",
    "Wanjiru", "Ximena", "Yusuf", "Zoe",
]  # fmt: skip
SURNAMES = [
    "Sampleton", "Testwell", "Demoford", "Fakeley", "Inventado", "Ejemplar", "Ficticio", "Mockridge",
    "Placeholder", "Dummett", "Pretendia", "Imaginario",
]  # fmt: skip
ORGANISATIONS = [
    ("Northtown NEU branch (fictional)", "Branch Secretary"),
    ("Riverside Unite Community branch (fictional)", "Chair"),
    ("Anytown Labour Party ward (fictional)", "Ward Secretary"),
    ("Hillside UCU branch (fictional)", "President"),
    ("Lakeside Trades Council (fictional)", "Secretary"),
    ("Eastvale Latin America Solidarity Group (fictional)", "Coordinator"),
    ("Westmoor GMB branch (fictional)", "Equalities Officer"),
    ("Southport Unison branch (fictional)", "Branch Secretary"),
]
COUNTRIES = (
    ["GB"] * 10
    + ["BO"] * 4
    + ["ES"] * 2
    + ["IE"] * 2
    + ["AR", "MX", "US", "FR", "DE", "CL", "VE", "BR", "PE", "EC"]
)
COMMENTS = [
    "Solidarity from our branch.",
    "Democracy must be respected.",
    "Con Bolivia, siempre.",
    "",
    "",
    "",
]
