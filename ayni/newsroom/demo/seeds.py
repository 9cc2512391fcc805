"""The two articles the seeds are about, written anew with their facts, each in English and
Spanish: the report-back of the online meeting "Solidarity With Bolivia – the People in Power"
(16 May 2022) and the background to the statement "Stand with democracy in Bolivia" (the
autumn 2022 campaign against the elected government in Santa Cruz). The meeting's story is a
news article: its report-back proper is the event's own, which the newsroom publishes in the
report-back section when the events' demo publishes it (services/report_backs.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

REPORT_BACK: dict[str, dict[str, Any]] = {
    "en": {
        "slug": "the-people-in-power-report-back",
        "title": "Bolivia’s recovery since the coup, told to a packed online meeting",
        "standfirst": (
            "An international panel chaired by Christine Blower heard how Bolivia’s elected "
            "government has rebuilt since 2019 — and why solidarity still matters."
        ),
        "body": """\
More than a thousand people joined Friends of Bolivia’s online meeting *Solidarity With
Bolivia – the People in Power* on 16 May 2022. The panel, chaired by Christine Blower of Labour
Friends of Progressive Latin America, looked at what the MAS government has done since it
returned to office after the 2019 coup.

John McDonnell, Labour MP for Hayes and Harlington, said the left in Britain should spend less
time lecturing and more time learning from movements that have won. He pointed to a government
working hand in hand with unions and social movements: a wealth tax, action on hunger, money
for health and schools, and a higher minimum wage.

> [!PULL] Bolivia shows that an alternative to austerity can be built — and defended.

Tim Young of Friends of Bolivia set out the figures behind the recovery. The economy grew by
3.4 per cent last year and is expected to grow by 3.8 per cent this year, and the wealth tax has
raised about twice what was forecast. Officials of the coup regime now face the courts for the
massacres of 2019.

He warned that the old elite has not given up. Its recent street protests drew hundreds; the
march in defence of democracy drew more than a million. Solidarity, he said, means opposing any
attempt at regime change by force, from inside the country or outside it.

Juana Maldonado of Wiphalas Across the World spoke for the Bolivian diaspora, and about the
Indigenous majority’s place at the heart of the process of change.

The recording and the speakers’ key points are on the event’s page.
""",
        "section": "news",
        "tags": ["bolivia", "democracy", "economy"],
        "authors": ["rosa-quispe", "maya-okafor"],
        "cta_kind": "event",
        "cta_slug": "solidarity-with-bolivia-the-people-in-power",
        "published_at": datetime(2022, 5, 20, 9, 0, tzinfo=UTC),
    },
    "es": {
        "slug": "el-pueblo-en-el-poder-cronica",
        "title": "La recuperación de Bolivia tras el golpe, contada ante un público masivo",
        "standfirst": (
            "Un panel internacional presidido por Christine Blower escuchó cómo el gobierno "
            "electo de Bolivia se ha reconstruido desde 2019, y por qué la solidaridad sigue "
            "importando."
        ),
        "body": """\
Más de mil personas se conectaron a la reunión en línea de Friends of Bolivia *Solidaridad con
Bolivia: el pueblo en el poder* el 16 de mayo de 2022. El panel, presidido por Christine Blower,
de Labour Friends of Progressive Latin America, repasó lo que el gobierno del MAS ha hecho desde
que volvió al poder tras el golpe de 2019.

John McDonnell, diputado laborista por Hayes and Harlington, dijo que la izquierda británica
debería dar menos lecciones y aprender más de los movimientos que ganan. Destacó un gobierno que
trabaja de la mano de los sindicatos y los movimientos sociales: un impuesto a las grandes
fortunas, medidas contra el hambre, inversión en salud y educación y un salario mínimo más alto.

> [!PULL] Bolivia demuestra que una alternativa a la austeridad se puede construir, y defender.

Tim Young, de Friends of Bolivia, presentó las cifras de la recuperación. La economía creció un
3,4 % el año pasado y se espera que crezca un 3,8 % este año, y el impuesto a las grandes
fortunas ha recaudado cerca del doble de lo previsto. Los responsables del régimen golpista
responden ahora ante la justicia por las masacres de 2019.

Advirtió que la vieja élite no se rinde. Sus últimas protestas reunieron a cientos de personas;
la marcha en defensa de la democracia, a más de un millón. La solidaridad, dijo, significa
oponerse a todo intento de cambiar el gobierno por la fuerza, desde dentro o desde fuera.

Juana Maldonado, de Wiphalas Across the World, habló en nombre de la diáspora boliviana y del
lugar de la mayoría indígena en el corazón del proceso de cambio.

La grabación y las ideas principales de cada ponente están en la página del evento.
""",
    },
}

STATEMENT_BACKGROUND: dict[str, dict[str, Any]] = {
    "en": {
        "slug": "bolivia-stand-up-for-democracy",
        "title": "Bolivia: why we stand with democracy and social progress",
        "standfirst": (
            "A campaign of blockades and attacks in Santa Cruz aims to unsettle an elected "
            "government. Britain’s labour movement should say clearly whose side it is on."
        ),
        "body": """\
On 30 September the Governor of Santa Cruz, Luis Fernando Camacho — one of the leading figures
of the 2019 coup — announced an open-ended campaign against Bolivia’s government, to begin on
22 October.

What followed was not a protest but a siege. Factories were forced to close, main roads were
blocked, and the offices of the region’s federation of peasant workers’ unions were wrecked.
Bolivia’s Permanent Assembly of Human Rights reported union and campesino leaders threatened
and harassed by the civic committee’s gangs.

The target is a government that has delivered. Urban unemployment fell from 8.1 per cent in
March 2021 to 5.3 per cent a year later, and the number of adults in moderate poverty fell by
13.7 per cent. With the COB, the national union centre, the government raised the minimum wage
by 4 per cent, paid for in part by a tax on the largest fortunes.

> [!PULL] An attack on an elected government is an attack on everything its voters won.

Bolivia has also declared 2022 a year of depatriarchalisation and strengthened the law against
femicide, and it has turned its foreign policy back towards its neighbours — including a joint
public lithium enterprise with Mexico.

Trade unionists and socialists in Britain should stand with the people of Bolivia and their
elected government. Add your name to the statement, and ask your branch to do the same.
""",
        "section": "opinion",
        "tags": ["bolivia", "democracy", "trade-unions"],
        "authors": ["tom-ellery"],
        "cta_kind": "statement",
        "cta_slug": "stand-with-democracy-in-bolivia",
        "published_at": datetime(2022, 11, 4, 8, 0, tzinfo=UTC),
    },
    "es": {
        "slug": "bolivia-en-pie-por-la-democracia",
        "title": "Bolivia: por qué defendemos la democracia y el progreso social",
        "standfirst": (
            "Una campaña de bloqueos y ataques en Santa Cruz busca desestabilizar a un gobierno "
            "electo. El movimiento obrero británico debe decir con claridad de qué lado está."
        ),
        "body": """\
El 30 de septiembre, el gobernador de Santa Cruz, Luis Fernando Camacho —una de las figuras
principales del golpe de 2019—, anunció una campaña indefinida contra el gobierno de Bolivia a
partir del 22 de octubre.

Lo que siguió no fue una protesta, sino un asedio. Se obligó a cerrar fábricas, se bloquearon
las carreteras principales y se destrozó la sede de la federación de trabajadores campesinos de
la región. La Asamblea Permanente de Derechos Humanos de Bolivia denunció amenazas y acoso a
dirigentes sindicales y campesinos por parte de grupos del comité cívico.

El blanco es un gobierno que ha cumplido. El desempleo urbano bajó del 8,1 % en marzo de 2021
al 5,3 % un año después, y el número de personas adultas en pobreza moderada cayó un 13,7 %.
Junto a la COB, la central obrera, el gobierno subió el salario mínimo un 4 %, financiado en
parte con un impuesto a las grandes fortunas.

> [!PULL] Atacar a un gobierno electo es atacar todo lo que conquistaron sus votantes.

Bolivia también declaró 2022 año de la despatriarcalización y reforzó la ley contra el
feminicidio, y ha vuelto a orientar su política exterior hacia sus vecinos, con una empresa
pública conjunta de litio con México.

Sindicalistas y socialistas en Gran Bretaña deben estar con el pueblo de Bolivia y su gobierno
electo. Firma la declaración y pide a tu sección sindical que haga lo mismo.
""",
    },
}

TRANSLATED = [REPORT_BACK, STATEMENT_BACKGROUND]
