"""The demo's authors and tags: fictional writers (any likeness is chance) with the kinds of
byline roles the seeds' writers had, and the topics the articles share."""

from __future__ import annotations

AUTHORS = [
    {
        "slug": "rosa-quispe",
        "name": "Rosa Quispe",
        "role_en": "Friends of Bolivia volunteer",
        "role_es": "voluntaria de Friends of Bolivia",
        "bio_en": (
            "Rosa grew up in El Alto and has lived in London for ten years. She keeps the "
            "campaign's report-backs and translates them for readers in Bolivia."
        ),
        "bio_es": (
            "Rosa creció en El Alto y vive en Londres desde hace diez años. Escribe las crónicas "
            "de la campaña y las traduce para quienes leen desde Bolivia."
        ),
    },
    {
        "slug": "tom-ellery",
        "name": "Tom Ellery",
        "role_en": "NEU activist",
        "role_es": "activista del NEU",
        "bio_en": (
            "Tom teaches history in a Sheffield comprehensive and sits on his NEU district's "
            "international committee."
        ),
        "bio_es": (
            "Tom enseña historia en un instituto público de Sheffield y forma parte del comité "
            "internacional de su distrito del NEU."
        ),
    },
    {
        "slug": "maya-okafor",
        "name": "Maya Okafor",
        "role_en": "Islington North CLP",
        "role_es": "Partido Laborista, Islington North",
        "bio_en": "Maya organises her constituency party's Latin America solidarity meetings.",
        "bio_es": "Maya organiza las reuniones de solidaridad con América Latina de su agrupación.",
    },
    {
        "slug": "daniel-mamani",
        "name": "Daniel Mamani",
        "role_en": "Bolivian community organiser in London",
        "role_es": "organizador de la comunidad boliviana en Londres",
        "bio_en": "Daniel works with Bolivian families in south London and writes on the diaspora.",
        "bio_es": "Daniel trabaja con familias bolivianas del sur de Londres y escribe sobre la diáspora.",
    },
    {
        "slug": "hannah-price",
        "name": "Hannah Price",
        "role_en": "UNISON branch secretary",
        "role_es": "secretaria de sección de UNISON",
        "bio_en": "Hannah is a health worker and the secretary of a fictional Leeds UNISON branch.",
        "bio_es": "Hannah es trabajadora sanitaria y secretaria de una sección ficticia de UNISON en Leeds.",
    },
]

TAGS = [
    ("bolivia", "Bolivia", "Bolivia"),
    ("democracy", "Democracy", "Democracia"),
    ("trade-unions", "Trade unions", "Sindicatos"),
    ("economy", "Economy", "Economía"),
    ("lithium", "Lithium", "Litio"),
    ("women", "Women's rights", "Derechos de las mujeres"),
    ("diaspora", "Diaspora", "Diáspora"),
    ("international", "International relations", "Relaciones internacionales"),
]
