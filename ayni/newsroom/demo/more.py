"""The demo's further articles, in English, across the sections and tags: enough for the
sections, tags, author pages and the gated previews to mean something. The metered ones and the
members-only one have a Spanish version too, so a Spanish reader meets the meter's prompt on
Spanish articles. Written for the demo; the facts are the seeds' (Bolivia, 2019–2022), the
people quoted are fictional."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


def _at(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 9, 0, tzinfo=UTC)


ARTICLES: list[dict[str, Any]] = [
    {
        "slug": "santa-cruz-blockades-unions-report",
        "title": "Santa Cruz blockades: unions report attacks on their offices",
        "standfirst": "Peasant workers’ unions say their regional headquarters was wrecked.",
        "body": """\
Unions in Santa Cruz say their members have been threatened on their way to work since the
civic committee’s strike began on 22 October.

The regional federation of peasant workers reports that its headquarters was broken into and
set alight. Bolivia’s Permanent Assembly of Human Rights has condemned the attacks.

Road blockades have cut the city off from the rest of the country for days at a time, and wire
strung across roads has injured travellers.

Friends of Bolivia has written to the Foreign Office asking it to condemn the violence.
""",
        "section": "news",
        "tags": ["bolivia", "trade-unions", "democracy"],
        "authors": ["rosa-quispe"],
        "visibility": "metered",
        "published_at": _at(2022, 11, 2),
        "es": {
            "slug": "bloqueos-en-santa-cruz-los-sindicatos-denuncian-ataques",
            "title": "Bloqueos en Santa Cruz: los sindicatos denuncian ataques a sus sedes",
            "standfirst": "Los sindicatos campesinos afirman que su sede departamental fue "
            "destrozada.",
            "body": """\
Los sindicatos de Santa Cruz denuncian que sus afiliados reciben amenazas de camino al trabajo
desde que empezó el paro del comité cívico, el 22 de octubre.

La federación departamental de trabajadores campesinos cuenta que su sede fue asaltada e
incendiada. La Asamblea Permanente de Derechos Humanos de Bolivia ha condenado los ataques.

Los bloqueos de carreteras han dejado la ciudad aislada del resto del país durante días
enteros, y los alambres tendidos de lado a lado de las rutas han herido a viajeros.

Friends of Bolivia ha escrito al Ministerio de Asuntos Exteriores británico para pedirle que
condene la violencia.
""",
        },
    },
    {
        "slug": "minimum-wage-rise-agreed-with-the-cob",
        "title": "Minimum wage to rise by 4 per cent after agreement with the COB",
        "standfirst": "The national union centre and the government settle the year’s rise.",
        "body": """\
Bolivia’s government and the COB, the country’s national union centre, have agreed a 4 per cent
rise in the national minimum wage.

The COB called the agreement a sign of what a government that listens to workers can do, at a
time when prices are rising across the region.

Part of the cost is met by the tax on the largest fortunes introduced in 2020.
""",
        "section": "news",
        "tags": ["bolivia", "trade-unions", "economy"],
        "authors": ["hannah-price"],
        "published_at": _at(2022, 5, 2),
    },
    {
        "slug": "lithium-joint-enterprise-explained",
        "title": "Lithium: what a joint public enterprise with Mexico could mean",
        "standfirst": "Two governments want the metal of the energy transition to build industry "
        "at home, not just fill ships.",
        "body": """\
Bolivia holds some of the largest lithium deposits in the world. For decades the question has
been who would profit from them.

The agreement with Mexico to form a joint public enterprise for lithium industrialisation is an
answer: refine and manufacture in the region, and keep the gains in public hands.

Critics say the technology is unproven at scale. Supporters reply that the alternative — selling
raw brine to foreign companies — has left other countries with the damage and none of the jobs.

What happens next depends on investment, on the communities near the salt flats, and on
whether the project survives the pressure that has followed every attempt at public ownership in
the region.
""",
        "section": "features",
        "tags": ["lithium", "economy", "international"],
        "authors": ["daniel-mamani"],
        "visibility": "metered",
        "published_at": _at(2022, 8, 15),
        "es": {
            "slug": "litio-una-empresa-publica-conjunta-con-mexico",
            "title": "Litio: lo que podría significar una empresa pública conjunta con México",
            "standfirst": "Dos gobiernos quieren que el metal de la transición energética "
            "levante industria propia, y no solo llene barcos.",
            "body": """\
Bolivia guarda algunos de los mayores yacimientos de litio del mundo. Durante décadas, la
pregunta ha sido quién se quedaría con sus beneficios.

El acuerdo con México para crear una empresa pública conjunta que industrialice el litio es una
respuesta: refinar y fabricar en la región, y que las ganancias queden en manos públicas.

Sus críticos dicen que la técnica no está probada a gran escala. Quienes la defienden responden
que la alternativa —vender la salmuera en bruto a empresas extranjeras— ha dejado a otros
países los daños y ninguno de los empleos.

Lo que venga ahora depende de la inversión, de las comunidades que viven junto a los salares y
de que el proyecto resista la presión que ha seguido a cada intento de propiedad pública en la
región.
""",
        },
    },
    {
        "slug": "year-of-depatriarchalisation",
        "title": "The year of depatriarchalisation: new protections for women",
        "standfirst": "Bolivia strengthened its law against femicide and declared 2022 a year "
        "of cultural revolution against patriarchy.",
        "body": """\
The government declared 2022 the Year of the Cultural Revolution for Depatriarchalisation,
naming violence against women a legacy of colonial rule that every community must confront.

New measures strengthen the protection of women and children against femicide and infanticide,
with specialist prosecutors and faster courts.

Women’s organisations say the law is only the start: the test is whether a woman who reports
violence in a small town is believed and protected.

We spoke to three organisers in La Paz and El Alto about what has changed, and what has not.
""",
        "section": "features",
        "tags": ["women", "bolivia"],
        "authors": ["rosa-quispe"],
        "visibility": "members",
        "published_at": _at(2022, 3, 8),
        # Its Spanish version: members-only too, so the prompt is seen in both languages.
        "es": {
            "slug": "el-ano-de-la-despatriarcalizacion",
            "title": "El año de la despatriarcalización: nuevas protecciones para las mujeres",
            "standfirst": "Bolivia reforzó su ley contra el feminicidio y dedicó 2022 a una "
            "revolución cultural contra el patriarcado.",
            "body": """\
El gobierno llamó a 2022 el Año de la Revolución Cultural para la Despatriarcalización, y
presentó la violencia contra las mujeres como una herencia colonial que toda comunidad debe
enfrentar.

Las nuevas medidas protegen mejor a mujeres, niñas y niños frente al feminicidio y el
infanticidio, con fiscalías especializadas y juicios más rápidos.

Las organizaciones de mujeres dicen que la ley es solo el comienzo: la prueba es si a una mujer
que denuncia violencia en un pueblo pequeño se la cree y se la protege.

Hablamos con tres organizadoras de La Paz y El Alto sobre lo que ha cambiado y lo que no.
""",
        },
    },
    {
        "slug": "why-your-branch-should-pass-the-motion",
        "title": "Why your branch should pass the Bolivia solidarity motion",
        "standfirst": "Passing a motion takes ten minutes of a branch meeting. Here is why it "
        "is worth them.",
        "body": """\
A motion passed at branch level is more than words. It commits your branch to act, and it can
be sent on to regional and national conferences.

The model motion asks branches to support democracy in Bolivia, to affiliate to the campaign
and to forward the motion up their union.

Bring it to your next meeting, tell us when it passes, and it will be counted with every other
branch’s.
""",
        "section": "opinion",
        "tags": ["trade-unions", "bolivia"],
        "authors": ["hannah-price"],
        "cta_kind": "motion",
        "cta_slug": "solidarity-with-democracy-in-bolivia",
        "published_at": _at(2022, 11, 20),
    },
    {
        "slug": "leeds-health-branch-passes-motion",
        "title": "Leeds health branch passes the solidarity motion unanimously",
        "standfirst": "A packed branch meeting voted to affiliate and to send the motion to "
        "the region.",
        "body": """\
Members of a Leeds health branch voted unanimously for the Bolivia solidarity motion at their
November meeting.

Several members spoke about family in Latin America; one had been in La Paz during the coup.

The branch will send the motion to its regional council and has pledged a donation to the
campaign.
""",
        "section": "report-back",
        "tags": ["trade-unions"],
        "authors": ["hannah-price"],
        "cta_kind": "motion",
        "cta_slug": "solidarity-with-democracy-in-bolivia",
        "published_at": _at(2022, 12, 1),
    },
    {
        "slug": "urban-unemployment-falls",
        "title": "Urban unemployment falls to 5.3 per cent",
        "standfirst": "A year after the return to democracy, more Bolivians are in work.",
        "body": """\
Urban unemployment in Bolivia fell from 8.1 per cent in March 2021 to 5.3 per cent in March
2022, according to the national statistics institute.

Over the same period the number of adults living in moderate poverty fell by 13.7 per cent.

Economists credit public investment and the recovery of domestic demand after the pandemic.
""",
        "section": "news",
        "tags": ["economy", "bolivia"],
        "authors": ["tom-ellery"],
        "published_at": _at(2022, 6, 10),
    },
    {
        "slug": "from-coup-to-recovery-timeline",
        "title": "From coup to recovery: Bolivia 2019–2022",
        "standfirst": "The three years that took Bolivia from a coup to an elected government "
        "rebuilding, in order.",
        "body": """\
**November 2019.** After a disputed election, President Evo Morales is forced out. The regime
that takes power is responsible for massacres at Sacaba and Senkata.

**October 2020.** Luis Arce of the MAS wins the presidential election in the first round.

**2021.** A tax on the largest fortunes is introduced, and the economy begins to recover.

**2022.** Unemployment falls, the minimum wage rises, and officials of the coup regime face
trial. In the autumn, Santa Cruz’s governor launches a campaign against the government.
""",
        "section": "features",
        "tags": ["bolivia", "democracy"],
        "authors": ["daniel-mamani", "rosa-quispe"],
        "visibility": "metered",
        "published_at": _at(2022, 10, 1),
        "es": {
            "slug": "del-golpe-a-la-recuperacion-cronologia",
            "title": "Del golpe a la recuperación: Bolivia 2019–2022",
            "standfirst": "Los tres años que llevaron a Bolivia de un golpe de Estado a un "
            "gobierno electo que reconstruye el país, en orden.",
            "body": """\
**Noviembre de 2019.** Tras unas elecciones disputadas, el presidente Evo Morales es forzado a
dejar el cargo. El régimen que toma el poder es responsable de las masacres de Sacaba y Senkata.

**Octubre de 2020.** Luis Arce, del MAS, gana las elecciones presidenciales en primera vuelta.

**2021.** Se crea un impuesto a las grandes fortunas y la economía empieza a recuperarse.

**2022.** Baja el desempleo, sube el salario mínimo y los funcionarios del régimen golpista
responden ante la justicia. A finales de septiembre, el gobernador de Santa Cruz anuncia una
campaña contra el gobierno.
""",
        },
    },
    {
        "slug": "listening-and-learning",
        "title": "Listening and learning: what the British left can take from Bolivia",
        "standfirst": "We are good at telling others what to do. Bolivia’s movements have "
        "something to teach us.",
        "body": """\
Solidarity is too often a one-way street: resolutions from here, struggles over there.

Bolivia’s unions, Indigenous organisations and neighbourhood councils built the alliance that
won back democracy, and they did it by organising where people live and work.

The lesson for us is not to copy a model but to listen: to ask what they need from us, and to
do it.
""",
        "section": "opinion",
        "tags": ["international", "trade-unions"],
        "authors": ["maya-okafor"],
        "published_at": _at(2022, 6, 1),
    },
    {
        "slug": "coup-officials-face-trial",
        "title": "Officials of the 2019 regime face trial over Sacaba and Senkata",
        "standfirst": "Families of those killed in 2019 have waited three years for the courts.",
        "body": """\
Prosecutors have brought charges against former officials over the killings at Sacaba and
Senkata in November 2019.

Families of the victims have campaigned for justice since the massacres, in which more than
twenty people died.

Human rights groups are following the trials closely.
""",
        "section": "news",
        "tags": ["democracy", "bolivia"],
        "authors": ["rosa-quispe"],
        "published_at": _at(2022, 9, 12),
    },
    {
        "slug": "the-diaspora-organises",
        "title": "Wiphalas across the world: the Bolivian diaspora organises",
        "standfirst": "From London to Madrid, Bolivians abroad are building their own "
        "solidarity networks.",
        "body": """\
Every month, Bolivian families in south London meet in a church hall to share food, news and
plans.

The diaspora was active during the coup, organising vigils and lobbying MPs. Now it is turning
to longer work: Spanish and Quechua classes, support with papers, and links with unions here.

“We are part of the process even from here,” one organiser told us.
""",
        "section": "features",
        "tags": ["diaspora", "international"],
        "authors": ["daniel-mamani"],
        "published_at": _at(2022, 7, 20),
    },
    {
        "slug": "regional-cooperation-not-the-pentagon",
        "title": "Regional cooperation, not the Pentagon: Bolivia’s foreign policy",
        "standfirst": "After the coup government’s turn to Washington, Bolivia has gone back to "
        "its neighbours.",
        "body": """\
The coup regime of 2019–2020 lined up behind Washington. The elected government has turned back
to the region.

Bolivia has signed co-operation agreements with Venezuela in trade, tourism and energy,
committed to closer integration with Argentina, and stood with Cuba, Nicaragua and Venezuela
when they were left out of the Summit of the Americas in May 2022.

Critics call it ideology. Its supporters call it sovereignty: choosing partners by what serves
the people of Bolivia.
""",
        "section": "opinion",
        "tags": ["international", "bolivia"],
        "authors": ["tom-ellery"],
        "visibility": "metered",
        "published_at": _at(2022, 7, 5),
        "es": {
            "slug": "cooperacion-regional-no-el-pentagono",
            "title": "Cooperación regional, no el Pentágono: la política exterior de Bolivia",
            "standfirst": "Tras el giro del gobierno golpista hacia Washington, Bolivia ha "
            "vuelto a mirar a sus vecinos.",
            "body": """\
El régimen golpista de 2019–2020 se alineó con Washington. El gobierno electo ha vuelto la
mirada hacia la región.

Bolivia ha firmado acuerdos de cooperación con Venezuela en comercio, turismo y energía, se ha
comprometido a una integración más estrecha con Argentina y se puso del lado de Cuba, Nicaragua
y Venezuela cuando las dejaron fuera de la Cumbre de las Américas, en mayo de 2022.

Sus críticos lo llaman ideología. Quienes lo defienden lo llaman soberanía: elegir a los socios
por lo que le sirve al pueblo de Bolivia.
""",
        },
    },
    {
        "slug": "festival-fringe-report",
        "title": "A packed fringe room on Latin America at the summer festival",
        "standfirst": "Standing room only for a discussion on solidarity with Bolivia.",
        "body": """\
Our fringe meeting at this summer’s festival of left ideas filled its room twenty minutes
before the start.

Speakers from the campaign and the diaspora talked about the coup, the recovery, and how
branches can help.

Forty people signed up to hear more, and three union branches asked for the model motion.
""",
        "section": "report-back",
        "tags": ["international"],
        "authors": ["maya-okafor"],
        "published_at": _at(2022, 7, 25),
    },
    {
        "slug": "delegation-to-la-paz",
        "title": "Trade union delegation to La Paz announced for the spring",
        "standfirst": "Branch delegates can apply to join a week of meetings with Bolivian unions.",
        "body": """\
The campaign is organising a delegation of British trade unionists to La Paz and El Alto next
spring.

Delegates will meet the COB, women’s organisations and neighbourhood councils, and report back
to their branches.

Applications open in January; branches can nominate one delegate each.
""",
        "section": "news",
        "tags": ["trade-unions", "international"],
        "authors": ["hannah-price", "tom-ellery"],
        "published_at": _at(2022, 12, 10),
    },
]

# Written and waiting: one scheduled for later, one still a draft (the public sees neither).
SCHEDULED: dict[str, Any] = {
    "slug": "a-year-of-solidarity",
    "title": "A year of solidarity: what we did together",
    "standfirst": "The campaign’s year in numbers, names and branches.",
    "body": "The year began with a meeting and ends with dozens of branches behind us.",
    "section": "features",
    "tags": ["bolivia"],
    "authors": ["rosa-quispe"],
}
DRAFT: dict[str, Any] = {
    "slug": "notes-for-the-delegation",
    "title": "Notes for the delegation (draft)",
    "standfirst": "Practical notes for delegates, still being written.",
    "body": "Altitude, money, phones: to be written.",
    "section": "news",
    "tags": [],
    "authors": ["hannah-price"],
}
