"""The demo's model motion: solidarity with democracy and social progress in Bolivia, from
the facts of the campaign's second seed (the right-wing campaign in Santa Cruz of October
2022 and what the elected government had done), written anew in English and Spanish.

Each section is paragraphs separated by a blank line, numbered on the page.
"""

from __future__ import annotations

SLUG = "solidarity-with-democracy-in-bolivia"

MOTION = {
    "slug": SLUG,
    "title_en": "Solidarity with democracy and social progress in Bolivia",
    "title_es": "Solidaridad con la democracia y el progreso social en Bolivia",
    "explanation_en": (
        "Since October 2022 a right-wing campaign led from Santa Cruz has tried to bring down "
        "Bolivia's elected government by force: roads blocked, factories shut, trade unionists "
        "threatened and a peasant workers' federation's offices destroyed.\n\n"
        "This model motion asks your branch to stand with the Bolivian people and their "
        "unions, to support the Friends of Bolivia campaign, and to send the motion on to "
        "your region and to national conference, so that the whole movement speaks with one "
        "voice. Table it as it is, or amend it to fit your branch; then tell us what you "
        "decided."
    ),
    "explanation_es": (
        "Desde octubre de 2022 una campaña de la derecha dirigida desde Santa Cruz intenta "
        "derribar por la fuerza al gobierno electo de Bolivia: carreteras cortadas, fábricas "
        "cerradas, sindicalistas amenazados y la sede de una federación campesina destruida.\n\n"
        "Esta moción modelo pide a tu sección que se ponga del lado del pueblo boliviano y de "
        "sus sindicatos, que apoye la campaña Amigos de Bolivia y que eleve la moción a tu "
        "región y al congreso nacional, para que todo el movimiento hable con una sola voz. "
        "Preséntala tal cual o enmiéndala a la medida de tu sección; después cuéntanos qué "
        "se decidió."
    ),
    "suggested_commitments": "affiliate,donate,invite_speaker,write_representative,forward",
}

NOTES_EN = """\
That on 30 September 2022 Luis Fernando Camacho, Governor of Santa Cruz and one of the leading figures of the 2019 coup that forced out the government of Evo Morales, called an open-ended campaign against the elected government, starting on 22 October.

That during this campaign factories in the region were forced to shut, main highways were blocked, wire was stretched across some roads to injure travellers, and the regional headquarters of the Trade Union Federation of Peasant Workers was wrecked.

That the Permanent Assembly of Human Rights of Bolivia has condemned the threats, intimidation and persecution suffered by peasant and trade union leaders in Santa Cruz at the hands of groups linked to the Pro Santa Cruz Civic Committee.

That the Interior Minister, Eduardo del Castillo, has said that this violence will not prevail and that those responsible for the burning of property and the attacks on citizens and police will answer for them in court."""

NOTES_ES = """\
Que el 30 de septiembre de 2022 Luis Fernando Camacho, gobernador de Santa Cruz y una de las figuras principales del golpe de 2019 que derribó al gobierno de Evo Morales, convocó una campaña sin plazo contra el gobierno electo, a partir del 22 de octubre.

Que durante esa campaña se obligó a cerrar fábricas de la región, se bloquearon las principales carreteras, se tendieron alambres sobre algunas vías para herir a quienes viajaban y se destrozó la sede regional de la Federación Sindical de Trabajadores Campesinos.

Que la Asamblea Permanente de Derechos Humanos de Bolivia ha denunciado las amenazas, la intimidación y la persecución que sufren dirigentes campesinos y sindicales en Santa Cruz a manos de grupos ligados al Comité Cívico Pro Santa Cruz.

Que el ministro de Gobierno, Eduardo del Castillo, ha afirmado que esta violencia no se impondrá y que los responsables de la quema de bienes y de las agresiones a la ciudadanía y a la policía responderán ante la justicia."""

BELIEVES_EN = """\
That this campaign, however it is presented at home or abroad, aims to destabilise a democratically elected government and could prepare the ground for another coup.

That the governments of the Movement to Socialism under Evo Morales and Luis Arce have made real gains for working people: stronger protection of women and children against femicide and infanticide, with 2022 declared the Year of the Cultural Revolution for De-patriarchalisation; urban unemployment cut from 8.1 per cent in March 2021 to 5.3 per cent in March 2022; and the number of adults in moderate poverty down by 13.7 per cent.

That raising the national minimum wage by 4 per cent together with the Bolivian Workers' Centre (COB), the country's trade union centre, and paying for support through the cost-of-living crisis partly with a tax on great wealth, show what a government on the side of labour can do.

That Bolivia's turn towards co-operation in Latin America, including a joint public enterprise with Mexico to industrialise lithium, agreements with Venezuela and closer ties with Argentina, is a sovereign choice its people are entitled to make without violence.

That the labour movement in Britain owes the workers and peasants of Bolivia the same solidarity it asks for itself."""

BELIEVES_ES = """\
Que esta campaña, se presente como se presente dentro o fuera del país, busca desestabilizar a un gobierno elegido democráticamente y podría preparar el terreno para otro golpe.

Que los gobiernos del Movimiento al Socialismo con Evo Morales y Luis Arce han logrado avances reales para la clase trabajadora: más protección de mujeres, niñas y niños frente al feminicidio y el infanticidio, con 2022 declarado Año de la Revolución Cultural para la Despatriarcalización; un paro urbano que bajó del 8,1 % en marzo de 2021 al 5,3 % en marzo de 2022; y un 13,7 % menos de personas adultas en pobreza moderada.

Que la subida del salario mínimo nacional en un 4 % acordada con la Central Obrera Boliviana (COB), la central sindical del país, y el apoyo frente a la carestía de la vida financiado en parte con un impuesto a las grandes fortunas muestran lo que puede hacer un gobierno del lado del trabajo.

Que el giro de Bolivia hacia la cooperación en América Latina, con una empresa pública conjunta con México para industrializar el litio, acuerdos con Venezuela y lazos más estrechos con Argentina, es una decisión soberana que su pueblo tiene derecho a tomar sin violencia.

Que el movimiento obrero británico debe a los trabajadores y campesinos de Bolivia la misma solidaridad que pide para sí."""

RESOLVES_EN = """\
To condemn the violence and intimidation directed at trade unionists, peasant organisations and the elected government of Bolivia, and to send a message of solidarity to the Bolivian Workers' Centre (COB).

To affiliate to the Friends of Bolivia campaign and to make a donation to its work, at a sum the branch agrees.

To invite a speaker from the campaign to a branch meeting, and to share the statement "Stand with democracy and social progress in Bolivia" with members.

To write to our Member of Parliament and elected representatives asking them to oppose any attempt to overturn Bolivia's democratic order and to build links with their Bolivian counterparts.

To forward this motion to our regional body and to national conference, so that the whole movement takes up this solidarity."""

RESOLVES_ES = """\
Condenar la violencia y la intimidación contra sindicalistas, organizaciones campesinas y el gobierno electo de Bolivia, y enviar un mensaje de solidaridad a la Central Obrera Boliviana (COB).

Adherirse a la campaña Amigos de Bolivia y hacer una donación a su trabajo, por la cantidad que acuerde la sección.

Invitar a una persona de la campaña a una reunión de la sección y difundir entre la afiliación la declaración «Con la democracia y el progreso social en Bolivia».

Escribir a nuestros representantes electos pidiéndoles que se opongan a todo intento de quebrar el orden democrático de Bolivia y que tiendan lazos con sus homólogos bolivianos.

Elevar esta moción a nuestro órgano regional y al congreso nacional, para que todo el movimiento asuma esta solidaridad."""

VERSION = {
    "notes_en": NOTES_EN,
    "notes_es": NOTES_ES,
    "believes_en": BELIEVES_EN,
    "believes_es": BELIEVES_ES,
    "resolves_en": RESOLVES_EN,
    "resolves_es": RESOLVES_ES,
}

# What some branches changed (the amended text a report carries): each a function of the
# model text in the reporter's language, so the roll-up's differences show one edit each.
EXTRA_RESOLVES_EN = (
    "To twin the branch with a Bolivian trade union branch in the same sector and to report "
    "back to members on the link within six months."
)
EXTRA_RESOLVES_ES = (
    "Hermanar la sección con una sección sindical boliviana del mismo sector e informar a la "
    "afiliación sobre ese vínculo en un plazo de seis meses."
)
