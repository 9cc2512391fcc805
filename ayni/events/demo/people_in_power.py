"""The seed event as it happened: "Solidarity With Bolivia – the People in Power", online, 16
May 2022, hosted by Friends of Bolivia.

The chair and the panel are public figures, named with the roles, organisations and titles
the published report gives them, and nothing more (no bios: the report has none). The
report-back and each speaker's key points are written anew from what that report says they
said; short quotations are theirs. The report says "thousands" took part and gives no exact
figure, so the attendance is left for the organiser, as is the recording's address.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from ayni.events.enums import EventFormat, Role

LONDON = ZoneInfo("Europe/London")
# The report gives the day, not the hour: an evening slot in London stands in for it.
STARTS_AT = datetime(2022, 5, 16, 19, 0, tzinfo=LONDON)
ENDS_AT = datetime(2022, 5, 16, 20, 30, tzinfo=LONDON)

HOSTS = [("Friends of Bolivia", "friends-of-bolivia")]

EVENT = {
    "slug": "solidarity-with-bolivia-the-people-in-power",
    "title_en": "Solidarity With Bolivia – the People in Power",
    "title_es": "Solidaridad con Bolivia: el pueblo en el poder",
    "summary_en": (
        "An international panel on what Bolivia's MAS government has achieved since returning "
        "to office after the 2019 coup, chaired by Christine Blower."
    ),
    "summary_es": (
        "Un panel internacional sobre lo que ha logrado el gobierno del MAS en Bolivia desde "
        "que volvió al poder tras el golpe de 2019, presidido por Christine Blower."
    ),
    "description_en": """\
Since the MAS (Movement Towards Socialism) returned to office after the 2019 coup, Bolivia has
begun to rebuild: a wealth tax, investment in health and education, a higher minimum wage.

Join an international panel — voices from Britain's labour movement, the Bolivian diaspora and
Bolivia itself — to hear what has been achieved, what threatens it, and what solidarity means
now.
""",
    "description_es": """\
Desde que el MAS (Movimiento al Socialismo) volvió al gobierno tras el golpe de 2019, Bolivia
ha empezado a reconstruirse: un impuesto a las grandes fortunas, inversión en salud y
educación, un salario mínimo más alto.

Súmate a un panel internacional —con voces del movimiento obrero británico, de la diáspora
boliviana y de la propia Bolivia— para conocer lo logrado, lo que lo amenaza y lo que
significa hoy la solidaridad.
""",
    "format": EventFormat.ONLINE,
    "time_zone": "Europe/London",
    "languages": "en",
}

REPORT_BACK = {
    "report_back_en": """\
Thousands of people joined Friends of Bolivia online on 16 May 2022 for an international panel
on what Bolivia's MAS (Movement Towards Socialism) government has achieved since it returned to
office after the 2019 coup. Christine Blower of Labour Friends of Progressive Latin America
chaired.

Three threads ran through the meeting:

- **An economy run for the majority.** A wealth tax that raised twice what was expected, public
  investment, a higher minimum wage agreed with the unions, low inflation, and growth while
  much of the world is in crisis.
- **A state that looks like its people.** Indigenous communities and women now play a leading
  role — the very thing the old elite finds intolerable, and a key reason for the coup.
- **Threats that have not gone away.** An elite that still hopes to overturn the 2020 election,
  pressure from abroad over Bolivia's lithium and its foreign policy, and the memory of the
  racist repression after the coup.

Every speaker ended in the same place: learn from Bolivia, and stand with its people and their
right to decide their own future. The key points of each contribution are below.
""",
    "report_back_es": """\
Miles de personas se sumaron en línea el 16 de mayo de 2022 al encuentro de Amigos de Bolivia:
un panel internacional sobre lo que ha logrado el gobierno del MAS (Movimiento al Socialismo)
desde que volvió al poder tras el golpe de 2019. Lo presidió Christine Blower, de Labour Friends
of Progressive Latin America.

Tres ideas recorrieron el encuentro:

- **Una economía al servicio de la mayoría.** Un impuesto a las grandes fortunas que recaudó el
  doble de lo previsto, inversión pública, un salario mínimo más alto acordado con los
  sindicatos, inflación baja y crecimiento mientras buena parte del mundo está en crisis.
- **Un Estado que se parece a su pueblo.** Las comunidades indígenas y las mujeres tienen hoy
  un papel protagonista: justo lo que la vieja élite no soporta, y una razón clave del golpe.
- **Amenazas que siguen ahí.** Una élite que aún quiere revertir la elección de 2020, presiones
  desde el exterior por el litio y la política exterior de Bolivia, y el recuerdo de la
  represión racista tras el golpe.

Todas las intervenciones terminaron en el mismo punto: aprender de Bolivia y estar junto a su
pueblo y su derecho a decidir su propio futuro. Abajo tienes los puntos clave de cada
intervención.
""",
    "follow_up_en": """\
- **Sign and share** the statement linked on this page, and ask your friends to do the same.
- **Take a motion of solidarity** to your union or party branch — at branch, regional and
  national level.
- **Ask your representatives and your union** to build links with their Bolivian counterparts.
""",
    "follow_up_es": """\
- **Firma y comparte** la declaración enlazada en esta página, y pide a tus amistades que hagan
  lo mismo.
- **Lleva una moción de solidaridad** a tu sección sindical o de partido, en el ámbito local,
  regional y nacional.
- **Pide a tus representantes y a tu sindicato** que establezcan vínculos con sus pares
  bolivianos.
""",
}

# In the order they spoke, the chair first (she also closed the meeting).
PANEL = [
    {
        "name": "Christine Blower",
        "slug": "christine-blower",
        "affiliation": "Labour Friends of Progressive Latin America",
        "role": Role.CHAIR,
        "key_points_en": """\
- Chaired the panel, and closed it by thanking the speakers, everyone who took part, and the
  people of Bolivia for the example they set the world.
""",
        "key_points_es": """\
- Presidió el panel y lo cerró agradeciendo a quienes intervinieron, a todas las personas que
  participaron y al pueblo de Bolivia por el ejemplo que da al mundo.
""",
    },
    {
        "name": "John McDonnell",
        "slug": "john-mcdonnell",
        "affiliation": "Labour MP for Hayes and Harlington",
        "role": Role.SPEAKER,
        "key_points_en": """\
- People-powered alternatives to neoliberalism, like Bolivia's, are "more important than
  ever".
- The left in Britain is too often good at telling people what to do, and not so good at
  listening and learning from what they are doing.
- The government's alliance with trade unions and social movements brought a wealth tax, action
  on hunger, investment in health and education and a higher minimum wage: a model for
  progressives everywhere.
- The Conservatives' record in Latin America — alliances with Bolsonaro's Brazil and with
  Colombia's repressive state, support for coups, sanctions on countries such as Bolivia and
  Venezuela — is "the opposite of what is needed".
- His call: learn from the people of Bolivia, and work in solidarity with them.
""",
        "key_points_es": """\
- Las alternativas al neoliberalismo construidas desde el pueblo, como la de Bolivia, son «más
  importantes que nunca».
- La izquierda británica suele ser buena diciéndole a la gente lo que tiene que hacer, pero no
  tanto escuchando y aprendiendo de lo que la gente hace.
- La alianza del gobierno con los sindicatos y los movimientos sociales trajo un impuesto a las
  grandes fortunas, medidas contra el hambre, inversión en salud y educación y un salario
  mínimo más alto: un modelo para las fuerzas progresistas de todo el mundo.
- La trayectoria de los conservadores en América Latina —alianzas con el Brasil de Bolsonaro y
  con el Estado represivo de Colombia, apoyo a golpes, sanciones contra países como Bolivia y
  Venezuela— es «lo contrario de lo que hace falta».
- Su llamado: aprender del pueblo boliviano y trabajar en solidaridad con él.
""",
    },
    {
        "name": "Tim Young",
        "slug": "tim-young",
        "affiliation": "Friends of Bolivia",
        "role": Role.SPEAKER,
        "key_points_en": """\
- Back in office, the MAS is "restarting an interrupted process of change".
- The economy grew by 3.4% last year and is expected to grow by 3.8% this year; the new wealth
  tax brought in twice what was forecast.
- Investment in municipal government is back, officials responsible for the coup regime's
  massacres face prosecution, and foreign policy is built on regional cooperation again, not
  on the alignment with the Pentagon seen under Jeanine Áñez.
- The old elite still wants to overturn Luis Arce's 2020 election victory, but its recent
  mobilisations drew "numbers in the hundreds" — against a march of over a million people in
  defence of democracy.
- Internationalists have a duty to oppose any attempt to impose regime change by force, from
  inside or outside the country.
""",
        "key_points_es": """\
- De vuelta en el gobierno, el MAS está «reanudando un proceso de cambio interrumpido».
- La economía creció un 3,4 % el año pasado y se espera que crezca un 3,8 % este año; el nuevo
  impuesto a las grandes fortunas recaudó el doble de lo previsto.
- Ha vuelto la inversión en los gobiernos municipales, los responsables de las masacres del
  régimen golpista enfrentan a la justicia y la política exterior vuelve a basarse en la
  cooperación regional, no en el alineamiento con el Pentágono de la época de Jeanine Áñez.
- La vieja élite aún quiere revertir la victoria electoral de Luis Arce en 2020, pero sus
  movilizaciones recientes apenas reunieron a «cientos», frente a una marcha de más de un
  millón de personas en defensa de la democracia.
- El internacionalismo tiene el deber de oponerse a cualquier intento de imponer un cambio de
  régimen por la fuerza, desde dentro o desde fuera del país.
""",
    },
    {
        "name": "Juana Maldonado",
        "slug": "juana-maldonado",
        "affiliation": "Wiphalas Across the World",
        "role": Role.SPEAKER,
        "key_points_en": """\
- The Bolivian left is committed to a government and institutions that reflect the diversity
  of the country's people.
- That is a big part of why those with historic wealth and power have always opposed the
  "process of change" that began when Evo Morales became president in 2006.
- The same hostility showed in the racist repression after the 2019 coup, when many Indigenous
  activists were tortured.
- It moved Bolivians abroad to organise in solidarity, in groups such as Wiphalas Across the
  World — work that goes on as the country builds a future of "dignity and sovereignty".
""",
        "key_points_es": """\
- La izquierda boliviana está comprometida con un gobierno y unas instituciones que reflejen la
  diversidad del pueblo.
- Esa es una de las grandes razones por las que quienes concentran la riqueza y el poder
  históricos siempre se han opuesto al «proceso de cambio» que empezó cuando Evo Morales llegó
  a la presidencia en 2006.
- La misma hostilidad se vio en la represión racista que siguió al golpe de 2019, cuando
  torturaron a numerosos activistas indígenas.
- Eso llevó a la diáspora boliviana a organizarse en solidaridad, en grupos como Wiphalas
  Across the World: un trabajo que sigue mientras el país construye un futuro de «dignidad y
  soberanía».
""",
    },
    {
        "name": "Dr Francisco Dominguez",
        "slug": "francisco-dominguez",
        "affiliation": "Head of Latin American Studies, Middlesex University",
        "role": Role.SPEAKER,
        "key_points_en": """\
- The deepest change under the MAS: "for the first time in the state's history, those
  traditionally marginalised are playing a leading role" — Indigenous communities and women
  above all.
- That is "intolerable for the oligarchy", and a key reason it wanted the government gone; the
  scenes after the coup show what to expect if it ever returns to power.
- Luis Almagro, Secretary General of the Organisation of American States, "helped create the
  conditions" for the coup by alleging electoral fraud in 2019 — claims later found baseless
  by the Center for Economic and Policy Research and by researchers at the University of
  Pennsylvania.
- Bolivia's work for regional integration shows how international cooperation can improve the
  lives of millions.
""",
        "key_points_es": """\
- El cambio más profundo con el MAS: «por primera vez en la historia del Estado, quienes fueron
  tradicionalmente marginados tienen un papel protagonista», sobre todo las comunidades
  indígenas y las mujeres.
- Eso resulta «intolerable para la oligarquía» y fue una razón clave de su empeño en derrocar
  al gobierno; lo que siguió al golpe muestra lo que cabe esperar si algún día vuelve al poder.
- Luis Almagro, secretario general de la Organización de los Estados Americanos, «ayudó a crear
  las condiciones» para el golpe al denunciar un fraude electoral en 2019, acusaciones que
  luego el Center for Economic and Policy Research e investigadores de la Universidad de
  Pensilvania mostraron infundadas.
- El trabajo de Bolivia por la integración regional muestra cómo la cooperación internacional
  puede mejorar la vida de millones de personas.
""",
    },
    {
        "name": "Miriam Amancay Colque",
        "slug": "miriam-amancay-colque",
        "affiliation": "The Bartolina Sisa Resistance",
        "role": Role.SPEAKER,
        "key_points_en": """\
- President Arce kept his promises to tackle the pandemic and put the economy right, after a
  coup government that had "dedicated themselves to stealing from the country".
- The results include one of the lowest inflation rates in the world, laws to bring justice to
  women and girls who suffer violence, wages raised in agreement with the trade union
  federation, and more money for key public services.
- Bolivia holds some of the world's largest lithium reserves, and right-wing governments are
  trying to undermine its sovereignty — using the prosecution of former officials implicated
  in the repression after the 2019 coup as a pretext for intervention.
- Regional unity is the answer: Bolivia firmly rejected US attempts to shut countries out of
  the Summit of the Americas.
- She ended with a call for international solidarity in defence of the right to
  self-determination.
""",
        "key_points_es": """\
- El presidente Arce cumplió sus promesas de enfrentar la pandemia y ordenar la economía,
  después de un gobierno golpista que se había «dedicado a robarle al país».
- Entre los logros: una de las tasas de inflación más bajas del mundo, leyes para que haya
  justicia para las mujeres y niñas que sufren violencia, salarios aumentados en acuerdo con la
  central sindical y más fondos para servicios públicos clave.
- Bolivia tiene algunas de las mayores reservas de litio del mundo, y gobiernos de derecha
  intentan socavar su soberanía, usando como pretexto para intervenir el juicio a exfuncionarios
  implicados en la represión posterior al golpe de 2019.
- La respuesta es la unidad regional: Bolivia rechazó con firmeza los intentos de Estados
  Unidos de excluir a países de la Cumbre de las Américas.
- Cerró con un llamado a la solidaridad internacional en defensa del derecho a la
  autodeterminación.
""",
    },
    {
        "name": "Ollie Vargas",
        "slug": "ollie-vargas",
        "affiliation": "Journalist, Kawsachun News",
        "role": Role.SPEAKER,
        "key_points_en": """\
- In a time of deepening crisis and instability, Bolivia's economic model is an example for
  countries everywhere.
- Publicly owned institutions set the agenda: a fertiliser plant (opened under Morales, closed
  under Áñez, rebuilt under Arce), a state food company that has helped fight rising food
  prices, and the central bank.
- Governments can lead, rather than pick up the pieces after the markets have done their
  damage.
- The result is better living standards, and an economy that has come through the economic
  fallout of the war in Ukraine comparatively unharmed.
- Bolivia under Luis Arce is the story of "the triumph of democracy and an economy that works
  for all".
""",
        "key_points_es": """\
- En tiempos de crisis e inestabilidad crecientes, el modelo económico boliviano es un ejemplo
  para países de todo el mundo.
- Las instituciones públicas marcan el rumbo: una planta de fertilizantes (abierta con Morales,
  cerrada con Áñez y reconstruida con Arce), una empresa estatal de alimentos que ha ayudado a
  frenar la subida de los precios y el banco central.
- Los gobiernos pueden liderar, en lugar de recoger los pedazos después de que los mercados
  hagan el daño.
- El resultado: un mejor nivel de vida y una economía que ha salido relativamente indemne de
  las consecuencias económicas de la guerra en Ucrania.
- Bolivia con Luis Arce es la historia del «triunfo de la democracia y de una economía que
  funciona para todos».
""",
    },
    {
        "name": "Diego Pary",
        "slug": "diego-pary",
        "affiliation": "Bolivia's Ambassador to the United Nations, former Foreign Minister",
        "role": Role.SPEAKER,
        "key_points_en": """\
- Thanked Friends of Bolivia and solidarity campaigners around the world for supporting those
  who fought for their democratic rights during the coup.
- With the process led by the MAS and its allies in the trade unions and social movements,
  Bolivia has gone from one of the poorest countries on Earth to one of the world's most
  impressive economic performers.
""",
        "key_points_es": """\
- Agradeció a Amigos de Bolivia y a quienes hacen campaña solidaria en todo el mundo por
  apoyar a quienes lucharon por sus derechos democráticos durante el golpe.
- Con el proceso impulsado por el MAS y sus aliados en los sindicatos y los movimientos
  sociales, Bolivia pasó de ser uno de los países más pobres del planeta a estar entre las
  economías con mejores resultados del mundo.
""",
    },
]
