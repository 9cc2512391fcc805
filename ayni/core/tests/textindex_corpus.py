"""A hand-made corpus whose right neighbours are known: four topics of four texts in English,
three topics of three in Spanish. Each text's nearest are the others of its topic, and only
them; the words overlap across topics enough (campaign, workers, government) that a naive
shared-word count would not say so."""

from __future__ import annotations

from ayni.core.textindex.services import index_document

# (object id, topic, title, summary, body)
ENGLISH = [
    (
        1,
        "lithium",
        "Lithium mining in the salt flats",
        "Communities near the salt flats question who profits from lithium.",
        "The lithium brine under the salt flats draws mining companies from abroad. Local "
        "communities say the mining drains scarce water and the campaign wants the lithium "
        "royalties to stay in the region.",
    ),
    (
        2,
        "lithium",
        "Who owns the lithium?",
        "A state company and foreign mining firms compete for the brine.",
        "Ownership of lithium reserves is contested. The government signed contracts with "
        "mining firms to extract lithium brine, and workers ask what the salt flats will look "
        "like when the mining ends.",
    ),
    (
        3,
        "lithium",
        "Water and lithium extraction",
        "Evaporation ponds use water the farmers need.",
        "Lithium extraction evaporates brine in vast ponds on the salt flats. Farmers and "
        "herders fear the mining will leave them without water, and scientists measure the "
        "falling water table.",
    ),
    (
        4,
        "lithium",
        "Batteries, brine and the energy transition",
        "Electric car batteries depend on lithium from the salt flats.",
        "The energy transition needs batteries and batteries need lithium. Mining the salt "
        "flats brine for car batteries raises the question of who pays for the transition.",
    ),
    (
        5,
        "election",
        "Observers report on the election count",
        "International observers watched the vote count in every region.",
        "Election observers from several countries followed the ballot count. They found the "
        "vote was orderly and the electoral tribunal published results from every polling "
        "station.",
    ),
    (
        6,
        "election",
        "The tribunal certifies the vote",
        "The electoral tribunal certified the presidential election result.",
        "After a recount of contested ballots the electoral tribunal certified the vote. The "
        "winning candidate thanked the observers and called on voters to respect the election.",
    ),
    (
        7,
        "election",
        "Turnout and the polling stations",
        "Queues at polling stations showed a high turnout.",
        "Turnout in the election passed eighty per cent. Voters queued at polling stations from "
        "dawn, and the tribunal kept the ballot boxes open until every voter had cast a vote.",
    ),
    (
        8,
        "election",
        "Defending the result of the ballot",
        "Campaigners ask governments to recognise the election.",
        "The campaign asks governments abroad to recognise the election result. Observers said "
        "the ballot was free and fair, and the tribunal rejected claims that votes were "
        "counted twice.",
    ),
    (
        9,
        "football",
        "A football tournament for workers",
        "Union branches field teams in a weekend tournament.",
        "The football tournament brings union branches together on the pitch. Each team plays "
        "three matches, the final is on Sunday and the goals are collected for the solidarity "
        "fund.",
    ),
    (
        10,
        "football",
        "The final goes to penalties",
        "The tournament final ended level and was decided on penalties.",
        "The final was goalless after extra time, so the match went to penalties. The keeper "
        "saved two penalties and the team lifted the tournament cup in front of the fans.",
    ),
    (
        11,
        "football",
        "Fans raise money at the match",
        "Football fans collected donations at the stadium gates.",
        "Fans at the football match filled buckets at the stadium gates. The club matched the "
        "money raised and both teams wore the campaign shirt during the match.",
    ),
    (
        12,
        "football",
        "Training the youth team",
        "Coaches train young players every Saturday.",
        "The youth football team trains on the pitch every Saturday. The coach says the players "
        "learn passing, goals come later, and the team hopes to enter the tournament next "
        "season.",
    ),
    (
        13,
        "recipe",
        "A recipe for quinoa soup",
        "Quinoa soup with potatoes and herbs, as cooked in the highlands.",
        "Rinse the quinoa, fry onion and garlic, add potatoes and stock and simmer the soup "
        "for half an hour. Season the quinoa soup with herbs and serve it hot.",
    ),
    (
        14,
        "recipe",
        "Cooking with potatoes",
        "The highlands grow hundreds of kinds of potatoes.",
        "Boil the potatoes in salted water, then fry them with onion and cheese. The recipe "
        "comes from the highlands, where cooks dry potatoes in the frost.",
    ),
    (
        15,
        "recipe",
        "Bread for the solidarity dinner",
        "Volunteers bake bread and cook soup for the dinner.",
        "Volunteers bake the bread and cook a big pot of soup for the solidarity dinner. The "
        "recipe needs flour, water, salt and an oven hot enough to bake a good crust.",
    ),
    (
        16,
        "recipe",
        "Herbs and spices in the kitchen",
        "A guide to the herbs cooks use in soups and stews.",
        "Cooks add fresh herbs at the end so the flavour stays. Fry the spices with onion "
        "before the stew simmers, and season the soup with herbs just before serving.",
    ),
]
SPANISH = [
    (
        101,
        "mineria",
        "La minería del litio en los salares",
        "Las comunidades preguntan quién gana con el litio.",
        "La salmuera de litio bajo los salares atrae a empresas mineras. Las comunidades dicen "
        "que la minería seca el agua y exigen que las regalías del litio se queden en la región.",
    ),
    (
        102,
        "mineria",
        "¿De quién es el litio?",
        "Una empresa estatal y empresas mineras extranjeras compiten por la salmuera.",
        "La propiedad de las reservas de litio está en disputa. El gobierno firmó contratos con "
        "empresas mineras para extraer la salmuera de litio de los salares.",
    ),
    (
        103,
        "mineria",
        "Agua y extracción de litio",
        "Las piscinas de evaporación usan el agua de los agricultores.",
        "La extracción de litio evapora salmuera en grandes piscinas en los salares. Los "
        "agricultores temen que la minería los deje sin agua.",
    ),
    (
        104,
        "elecciones",
        "Los observadores informan sobre el recuento",
        "Observadores internacionales vigilaron el recuento de votos.",
        "Los observadores electorales siguieron el recuento de las papeletas. El voto fue "
        "ordenado y el tribunal electoral publicó los resultados de cada mesa.",
    ),
    (
        105,
        "elecciones",
        "El tribunal certifica la elección",
        "El tribunal electoral certificó el resultado de la elección presidencial.",
        "Tras un recuento de papeletas impugnadas, el tribunal electoral certificó el voto. Los "
        "observadores pidieron a los votantes respetar la elección.",
    ),
    (
        106,
        "elecciones",
        "Participación en las mesas de votación",
        "Las filas en las mesas mostraron una alta participación electoral.",
        "La participación en la elección superó el ochenta por ciento. Los votantes hicieron "
        "fila en las mesas desde el alba y el tribunal mantuvo abiertas las urnas.",
    ),
    (
        107,
        "cocina",
        "Receta de sopa de quinua",
        "Sopa de quinua con papas y hierbas, como se cocina en el altiplano.",
        "Lava la quinua, fríe cebolla y ajo, añade papas y caldo y cocina la sopa a fuego lento "
        "media hora. Sazona la sopa de quinua con hierbas.",
    ),
    (
        108,
        "cocina",
        "Cocinar con papas",
        "El altiplano cultiva cientos de variedades de papas.",
        "Hierve las papas con sal y luego fríe las papas con cebolla y queso. La receta viene "
        "del altiplano, donde se secan las papas con la helada.",
    ),
    (
        109,
        "cocina",
        "Hierbas para la sopa",
        "Las hierbas que se usan en sopas y guisos.",
        "Añade las hierbas frescas al final para que quede el sabor. Fríe la cebolla antes de "
        "que el guiso hierva y sazona la sopa con hierbas.",
    ),
]


def siblings(corpus: list[tuple], object_id: int) -> set[int]:
    topic = next(row[1] for row in corpus if row[0] == object_id)
    return {row[0] for row in corpus if row[1] == topic and row[0] != object_id}


def index_rows(rows: list[tuple], language: str, kind: str = "story") -> None:
    """Index corpus rows one by one, as saving them would."""
    for object_id, _, title, summary, body in rows:
        index_document(
            kind=kind,
            object_id=object_id,
            language=language,
            title=title,
            summary=summary,
            body=body,
        )
